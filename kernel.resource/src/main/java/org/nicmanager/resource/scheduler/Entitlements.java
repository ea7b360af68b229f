package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * What each VM can expect from an uplink of a given capacity, given what it offers: the scheduler's policy as a
 * water-filling estimate (control path, for {@code net:whatif} and the events after a failure). Reservations held come
 * first; then each priority level, highest first, shares what is left by shares, a VM getting the larger of its
 * reservation and its share, never more than it demands; what a level leaves goes to the next.
 */
final class Entitlements {

    private static final int SEARCH_STEPS = 100;

    private Entitlements() {
    }

    /**
     * @param demandBps what each VM would send, capped by its limit and shaping average
     * @param heldReservationBps each VM's reservation if it holds at this capacity, else 0
     * @return the expected bits per second of each VM
     */
    static long[] estimate(long capacityBps, int[] priority, int[] shares, long[] demandBps,
            long[] heldReservationBps) {
        int vms = demandBps.length;
        long[] floor = new long[vms];
        long[] expected = new long[vms];
        long left = capacityBps;
        for (int i = 0; i < vms; i++) {
            floor[i] = Math.min(heldReservationBps[i], demandBps[i]);
            expected[i] = floor[i];
            left -= floor[i];
        }
        left = Math.max(0, left);
        for (int level = Priority.HIGHEST; level >= Priority.LOWEST && left > 0; level--) {
            left = fillLevel(level, left, priority, shares, demandBps, floor, expected);
        }
        return expected;
    }

    /** Shares {@code extra} bits per second among one level; returns what the level leaves. */
    private static long fillLevel(int level, long extra, int[] priority, int[] shares, long[] demand, long[] floor,
            long[] expected) {
        long wanted = 0;
        double highestWaterPerShare = 0;
        for (int i = 0; i < demand.length; i++) {
            if (priority[i] == level) {
                wanted += demand[i] - floor[i];
                highestWaterPerShare = Math.max(highestWaterPerShare, demand[i] / (double) shares[i]);
            }
        }
        if (wanted <= extra) {
            for (int i = 0; i < demand.length; i++) {
                if (priority[i] == level) {
                    expected[i] = demand[i];
                }
            }
            return extra - wanted;
        }
        double low = 0;
        double high = highestWaterPerShare;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double water = (low + high) / 2;
            if (extraAt(level, water, priority, shares, demand, floor) <= extra) {
                low = water;
            } else {
                high = water;
            }
        }
        for (int i = 0; i < demand.length; i++) {
            if (priority[i] == level) {
                expected[i] = (long) clamp(low * shares[i], floor[i], demand[i]);
            }
        }
        return 0;
    }

    private static double extraAt(int level, double waterPerShare, int[] priority, int[] shares, long[] demand,
            long[] floor) {
        double extra = 0;
        for (int i = 0; i < demand.length; i++) {
            if (priority[i] == level) {
                extra += clamp(waterPerShare * shares[i], floor[i], demand[i]) - floor[i];
            }
        }
        return extra;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
