package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.lib.frames.FramePool;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: connects and leaves change the router's tables in place; after thousands of them in random order, each
 * port still has its security, each MAC its owner, and a frame for a MAC reaches that owner's virtual NIC alone.
 */
class InboundRouterChurnTest {

    private static final long BASE_MAC = 0x0200_0000_0000L;

    /** Counts what reaches one virtual NIC. */
    private static final class Counting implements VnicDelivery {
        int received;

        @Override
        public void deliver(FrameBuffer frame) {
            received++;
            frame.release();
        }
    }

    @Test
    void manyConnectsAndLeavesKeepEveryPortAndOwnerRight() {
        FramePool pool = new FramePool(16, 2048);
        InboundRouter router = new InboundRouter(null, pool); // neither path used here reads the bond
        Map<Integer, Counting> connected = new HashMap<>();
        Random random = new Random(17);
        for (int step = 0; step < 20_000; step++) {
            int port = random.nextInt(3_000);
            if (connected.containsKey(port)) {
                assertTrue(router.disconnect(port));
                connected.remove(port);
            } else {
                Counting delivery = new Counting();
                router.connect(new PortSecurity("vm" + port, port, BASE_MAC + port, null), delivery);
                connected.put(port, delivery);
            }
        }
        assertEquals(connected.size(), router.connected());
        for (int port = 0; port < 3_000; port++) {
            Counting delivery = connected.get(port);
            if (delivery == null) {
                assertNull(router.securityOf(port), "port " + port + " left");
                assertFalse(router.owns(BASE_MAC + port));
                assertFalse(router.disconnect(port));
                continue;
            }
            assertEquals(BASE_MAC + port, router.securityOf(port).assignedMac);
            assertTrue(router.owns(BASE_MAC + port));
            int sender = connected.keySet().iterator().next();
            assertTrue(router.switchLocally(frame(pool, BASE_MAC + port, BASE_MAC + sender)), "port " + port);
            assertEquals(1, delivery.received, "port " + port + " gets its frame");
        }
        assertEquals(connected.size(), connected.values().stream().mapToInt(d -> d.received).sum(),
                "no frame reached another virtual NIC");
    }

    private static FrameBuffer frame(FramePool pool, long destination, long source) {
        byte[] bytes = new byte[60];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (destination >>> (40 - 8 * i));
            bytes[6 + i] = (byte) (source >>> (40 - 8 * i));
        }
        bytes[12] = 0x08;
        FrameBuffer frame = pool.acquire();
        frame.copyFrom(bytes, 0, bytes.length);
        return frame;
    }
}
