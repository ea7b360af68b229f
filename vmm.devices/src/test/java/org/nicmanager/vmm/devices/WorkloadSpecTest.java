package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every bad option is refused with its value and what is allowed. */
class WorkloadSpecTest {

    private static String refusal(GuestPattern pattern, long rateBps, int frameBytes, int flows, long frames,
            int burstFrames) {
        return assertThrows(IllegalArgumentException.class,
                () -> new WorkloadSpec(1, pattern, rateBps, frameBytes, flows, frames, burstFrames)).getMessage();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertEquals("bad --rate 0bps: must be above 0", refusal(GuestPattern.CBR, 0, 1000, 1, 1, 32));
        assertEquals("bad --frame 59: a guest frame is 60..9014 bytes", refusal(GuestPattern.CBR, 1, 59, 1, 1, 32));
        assertEquals("bad --frame 64 for --pattern tcp: a stamped TCP segment is 70..9014 bytes",
                refusal(GuestPattern.TCP, 1, 64, 1, 1, 32));
        assertEquals("bad --flows 0: allowed 1..65536", refusal(GuestPattern.CBR, 1, 1000, 0, 1, 32));
        assertEquals("bad --burst-frames 0: allowed 1..65536", refusal(GuestPattern.BURST, 1, 1000, 1, 1, 0));
    }

    @Test
    void anUnknownPatternIsRefusedWithTheChoices() {
        assertEquals("unknown --pattern 'vbr'; allowed: cbr, burst, poisson, tcp",
                assertThrows(IllegalArgumentException.class, () -> GuestPattern.fromName("vbr")).getMessage());
        assertEquals(GuestPattern.POISSON, GuestPattern.fromName("poisson"));
    }
}
