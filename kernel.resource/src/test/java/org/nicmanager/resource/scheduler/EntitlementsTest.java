package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The water-filling estimate that net:whatif and the failure events use. */
class EntitlementsTest {

    private static final long M = 1_000_000L;
    private static final long UNLIMITED = Long.MAX_VALUE / 4;

    @Test
    void sharesSplitWhatIsLeftAndUnusedBandwidthGoesToTheOthers() {
        long[] expected = Entitlements.estimate(1000 * M, new int[] {5, 5, 5}, new int[] {2000, 2000, 1000},
                new long[] {200 * M, UNLIMITED, UNLIMITED}, new long[3]);
        assertEquals(200 * M, expected[0], 1);
        assertEquals(800 * M * 2 / 3, expected[1], 1);
        assertEquals(800 * M / 3, expected[2], 1);
    }

    @Test
    void aReservationIsAFloorAndPrioritiesGoFirst() {
        long[] expected = Entitlements.estimate(1000 * M, new int[] {2, 8, 5}, new int[] {1, 1000, 1000},
                new long[] {UNLIMITED, 500 * M, UNLIMITED}, new long[] {300 * M, 0, 0});
        assertEquals(300 * M, expected[0], M, "its reservation, though it has one share and priority 2");
        assertEquals(500 * M, expected[1], M, "priority 8 gets all it asks for");
        assertEquals(200 * M, expected[2], M, "priority 5 gets what is left");
    }
}
