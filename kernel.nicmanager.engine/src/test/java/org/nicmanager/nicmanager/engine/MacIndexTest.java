package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MacIndexTest {

    private static long mac(int i) {
        return 0x0200_0000_0000L + i * 256L; // only the second-lowest byte differs: a poor spread on its own
    }

    @Test
    void findsEveryMacItWasBuiltWithAndNoOther() {
        MacIndex index = new MacIndex();
        assertEquals(-1, index.find(0x0200_0000_0001L), "empty before the first build");
        long[] macs = new long[300];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = mac(i);
        }
        index.rebuild(macs, macs.length);
        for (int i = 0; i < macs.length; i++) {
            assertEquals(i, index.find(macs[i]));
        }
        assertEquals(-1, index.find(0x0200_0000_0001L));
        index.rebuild(new long[] {macs[7]}, 1);
        assertEquals(0, index.find(macs[7]));
        assertEquals(-1, index.find(macs[8]), "a rebuild forgets what left");
    }

    @Test
    void insertsRemovesAndRefusesASecondOwner() {
        MacIndex index = new MacIndex();
        assertTrue(index.put(mac(1), 0));
        assertTrue(index.put(mac(2), 1));
        assertFalse(index.put(mac(1), 5), "the first owner of a MAC keeps it");
        assertEquals(0, index.find(mac(1)));
        assertFalse(index.remove(mac(1), 5), "only its owner's entry removes a MAC");
        assertTrue(index.remove(mac(1), 0));
        assertEquals(-1, index.find(mac(1)));
        assertEquals(1, index.find(mac(2)));
        index.moved(mac(2), 1, 0);
        assertEquals(0, index.find(mac(2)));
        assertEquals(1, index.size());
    }

    @Test
    void growsByDoublingAndKeepsEveryEntry() {
        MacIndex index = new MacIndex();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(index.put(mac(i), i));
        }
        assertEquals(10_000, index.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, index.find(mac(i)));
        }
        assertEquals(-1, index.find(mac(10_000)));
    }

    /** Thousands of random connects and leaves, checked against a map after each, so a broken shift shows up. */
    @Test
    void manyConnectsAndLeavesKeepLookupsRight() {
        MacIndex index = new MacIndex();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(17);
        for (int step = 0; step < 50_000; step++) {
            long mac = mac(random.nextInt(2_000)) | random.nextInt(4); // clustered keys: long probe runs
            if (expected.containsKey(mac)) {
                assertTrue(index.remove(mac, expected.remove(mac)));
            } else {
                expected.put(mac, step);
                assertTrue(index.put(mac, step));
            }
            if (step % 997 == 0) {
                for (Map.Entry<Long, Integer> e : expected.entrySet()) {
                    assertEquals(e.getValue(), index.find(e.getKey()), "MAC " + Long.toHexString(e.getKey()));
                }
            }
        }
        assertEquals(expected.size(), index.size());
        for (int i = 0; i < 2_000; i++) {
            for (int low = 0; low < 4; low++) {
                long mac = mac(i) | low;
                assertEquals(expected.getOrDefault(mac, -1), index.find(mac));
            }
        }
    }
}
