package org.nicmanager.resource.allocation;

import org.nicmanager.kernel.api.resource.NetworkAllocation;

/**
 * What {@code net:alloc} asks to change; {@code null} keeps the current value. Giving {@code --average 0} alone turns
 * shaping off; giving a peak without a peak period takes {@link AllocationRules#DEFAULT_PEAK_PERIOD_NANOS}.
 */
public record AllocationChange(Integer shares, Long reservationBps, Long limitBps, Long averageBps, Long peakBps,
        Long burstBytes, Long peakPeriodNanos, Integer priority) {

    public static final AllocationChange NONE = new AllocationChange(null, null, null, null, null, null, null, null);

    public boolean empty() {
        return equals(NONE);
    }

    /** The allocation after the change; not yet checked. */
    public NetworkAllocation applyTo(NetworkAllocation current) {
        long average = or(averageBps, current.averageBps());
        long peak = or(peakBps, current.peakBps());
        long burst = or(burstBytes, current.burstBytes());
        long period = or(peakPeriodNanos, current.peakPeriodNanos());
        if (averageBps != null && averageBps == 0) {
            peak = or(peakBps, 0L);
            burst = or(burstBytes, 0L);
            period = or(peakPeriodNanos, 0L);
        }
        if (peakBps != null && peakBps > 0 && period == 0) {
            period = AllocationRules.DEFAULT_PEAK_PERIOD_NANOS;
        }
        return new NetworkAllocation(or(shares, current.shares()), or(reservationBps, current.reservationBps()),
                or(limitBps, current.limitBps()), average, peak, burst, period, or(priority, current.priority()));
    }

    private static long or(Long value, long current) {
        return value == null ? current : value;
    }

    private static int or(Integer value, int current) {
        return value == null ? current : value;
    }
}
