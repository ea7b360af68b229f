package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MacTableTest {

    private static final long AGING = 1_000;

    @Test
    void anEntryLivesExactlyTheAgingTime() {
        MacTable table = new MacTable(16, AGING);
        assertTrue(table.learn(0x02_00_00_00_00_01L, 3, 100));
        assertEquals(3, table.lookup(0x02_00_00_00_00_01L, 100 + AGING - 1));
        assertEquals(MacTable.NO_PORT, table.lookup(0x02_00_00_00_00_01L, 100 + AGING));
        assertEquals(0, table.size());
    }

    @Test
    void seeingAMacAgainMovesItAndRefreshesIt() {
        MacTable table = new MacTable(16, AGING);
        table.learn(7, 1, 0);
        assertFalse(table.learn(7, 2, 900));
        assertEquals(2, table.lookup(7, 1_500));
        assertEquals(1, table.size());
    }

    @Test
    void aFullTableLearnsNothingNew() {
        MacTable table = new MacTable(4, AGING);
        for (long mac = 1; mac <= 4; mac++) {
            assertTrue(table.learn(mac, (int) mac, 0));
        }
        assertFalse(table.learn(5, 5, 0));
        assertEquals(MacTable.NO_PORT, table.lookup(5, 0));
        assertEquals(4, table.size());
    }

    @Test
    void sweepRemovesExpiredEntriesAndTellsTheNextExpiry() {
        MacTable table = new MacTable(64, AGING);
        for (long mac = 0; mac < 40; mac++) {
            table.learn(mac, 1, mac * 10);
        }
        // At 1,200 the MACs seen at 0..200 have expired; the next to go is the one seen at 210.
        assertEquals(210 + AGING, table.sweep(200 + AGING));
        assertEquals(19, table.size());
        assertEquals(Long.MAX_VALUE, table.sweep(10 * AGING));
    }

    /** Random learning, forgetting and aging against a HashMap model: deletion must never lose a probe chain. */
    @Test
    void behavesLikeAMapUnderChurn() {
        MacTable table = new MacTable(256, AGING);
        Map<Long, long[]> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            now += random.nextInt(3);
            long mac = random.nextInt(400);
            int port = 1 + random.nextInt(8);
            switch (random.nextInt(10)) {
                case 0 -> {
                    table.forgetPort(port);
                    model.values().removeIf(entry -> entry[0] == port);
                }
                case 1 -> {
                    table.sweep(now);
                    final long at = now;
                    model.values().removeIf(entry -> at - entry[1] >= AGING);
                }
                case 2, 3, 4, 5 -> {
                    long[] entry = model.get(mac);
                    boolean expired = entry != null && now - entry[1] >= AGING;
                    int expected = entry == null || expired ? MacTable.NO_PORT : (int) entry[0];
                    assertEquals(expected, table.lookup(mac, now), "lookup " + mac + " at step " + step);
                    if (expired) {
                        model.remove(mac);
                    }
                }
                default -> {
                    if (model.containsKey(mac) || model.size() < 256) {
                        table.learn(mac, port, now);
                        model.put(mac, new long[] {port, now});
                    }
                }
            }
            assertEquals(model.size(), table.size(), "size at step " + step);
        }
    }
}
