package org.nicmanager.drivers.linux.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nicmanager.drivers.linux.testnet.ThreadCapabilities;
import org.nicmanager.drivers.linux.testnet.VethPair;

/** A host without CAP_NET_RAW is refused with a message naming the capability and the interface. */
class RawSocketProbeTest {

    @Test
    void withRawSocketsAllowedTheProbePasses() {
        assumeTrue(VethPair.possible(), "needs root");
        RawSocketProbe.requireRawSockets("lo");
    }

    @Test
    void withoutCapNetRawTheRefusalNamesTheCapabilityAndTheInterface() throws InterruptedException {
        assumeTrue(VethPair.possible(), "needs root");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread withoutRawSockets = new Thread(() -> {
            if (!ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_NET_RAW)) {
                outcome.set(new AssertionError("capset refused"));
                return;
            }
            try {
                RawSocketProbe.requireRawSockets("eth9");
                outcome.set(new AssertionError("the probe passed without CAP_NET_RAW"));
            } catch (RuntimeException refused) {
                outcome.set(refused);
            }
        }, "without CAP_NET_RAW");
        withoutRawSockets.start();
        withoutRawSockets.join();

        Throwable refused = outcome.get();
        assertEquals(IllegalArgumentException.class, refused.getClass(), String.valueOf(refused));
        assertTrue(refused.getMessage().contains("CAP_NET_RAW"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'eth9'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("EPERM"), refused.getMessage());
    }
}
