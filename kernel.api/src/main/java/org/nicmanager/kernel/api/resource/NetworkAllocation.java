package org.nicmanager.kernel.api.resource;

/**
 * A VM's network allocation on its bond or unbonded NIC (patent [0089]-[0099]). Rates in bits per second, sizes in
 * bytes, times in nanoseconds; 0 means "none" for reservation, limit and shaping.
 */
public record NetworkAllocation(int shares, long reservationBps, long limitBps, long averageBps, long peakBps,
        long burstBytes, long peakPeriodNanos, int priority) {
}
