package org.nicmanager.resource.allocation;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.lib.units.ByteSize;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;

/**
 * What makes an allocation valid on its own, whatever the uplink: share bounds, priority range, a peak not below the
 * average, a burst of at least one maximum frame, a reservation the limit and shaping let through. Whether
 * reservations fit an uplink's capacity is the uplink's question ({@code Guarantees}).
 */
public final class AllocationRules {

    /** The peak period assumed when a peak is given without one. */
    public static final long DEFAULT_PEAK_PERIOD_NANOS = 100 * TimeSpan.NANOS_PER_MILLI;
    /** A peak period must hold this many maximum frames at the peak rate, so the peak gate keeps 3/4 of the peak. */
    public static final int PEAK_PERIOD_MIN_FRAMES = 4;
    public static final long PEAK_PERIOD_CEILING_NANOS = 10 * TimeSpan.NANOS_PER_SECOND;
    /** Rates above this are refused: no uplink is that fast, and the arithmetic stays in {@code long}. */
    public static final long RATE_CEILING_BPS = 1_000_000_000_000L;
    public static final long BURST_CEILING_BYTES = 1_000_000_000L;

    private AllocationRules() {
    }

    /** The allocation of a VM nobody configured. */
    public static NetworkAllocation defaults(ResourceSettings settings, int priority) {
        return new NetworkAllocation(settings.defaultShares(), 0, 0, 0, 0, 0, 0, priority);
    }

    /** @throws IllegalArgumentException naming the first bad value and what is allowed; nothing is changed */
    public static void check(NetworkAllocation allocation, ResourceSettings settings) {
        int shares = allocation.shares();
        if (shares < settings.minShares() || shares > settings.maxShares()) {
            throw new IllegalArgumentException("shares " + shares + " is outside " + settings.minShares() + ".."
                    + settings.maxShares() + " (the configured share bounds)");
        }
        int priority = allocation.priority();
        if (priority < Priority.LOWEST || priority > Priority.HIGHEST) {
            throw new IllegalArgumentException("priority " + priority + " is outside " + Priority.LOWEST + ".."
                    + Priority.HIGHEST);
        }
        rate("reservation", allocation.reservationBps());
        rate("limit", allocation.limitBps());
        rate("average", allocation.averageBps());
        rate("peak", allocation.peakBps());
        if (allocation.limitBps() > 0 && allocation.reservationBps() > allocation.limitBps()) {
            throw new IllegalArgumentException("reservation " + rate(allocation.reservationBps())
                    + " is above the limit " + rate(allocation.limitBps()) + "; a reservation must fit under the limit");
        }
        checkShaping(allocation);
    }

    private static void checkShaping(NetworkAllocation allocation) {
        long average = allocation.averageBps();
        long peak = allocation.peakBps();
        long burst = allocation.burstBytes();
        long period = allocation.peakPeriodNanos();
        if (burst < 0 || period < 0) {
            throw new IllegalArgumentException("burst " + burst + " bytes and peak period " + period
                    + " ns cannot be negative");
        }
        if (average == 0) {
            if (peak > 0 || burst > 0 || period > 0) {
                throw new IllegalArgumentException("a peak, burst or peak period needs an average (--average RATE);"
                        + " --average 0 turns shaping off");
            }
            return;
        }
        if (burst < WireBytes.MAX_FRAME_WIRE_BYTES) {
            throw new IllegalArgumentException("burst " + new ByteSize(burst) + " is smaller than one maximum frame: "
                    + WireBytes.MAX_FRAME_WIRE_BYTES + " bytes on the wire (a jumbo frame with FCS, preamble and gap)");
        }
        if (burst > BURST_CEILING_BYTES) {
            throw new IllegalArgumentException("burst " + new ByteSize(burst) + " is above the largest allowed, "
                    + new ByteSize(BURST_CEILING_BYTES));
        }
        if (allocation.reservationBps() > average) {
            throw new IllegalArgumentException("reservation " + rate(allocation.reservationBps())
                    + " is above the shaping average " + rate(average) + "; shaping would never let it through");
        }
        if (peak == 0) {
            if (period > 0) {
                throw new IllegalArgumentException("a peak period needs a peak (--peak RATE)");
            }
            return;
        }
        if (peak < average) {
            throw new IllegalArgumentException("peak " + rate(peak) + " is below the average " + rate(average)
                    + "; the peak must be at least the average");
        }
        if (period == 0 || period > PEAK_PERIOD_CEILING_NANOS) {
            throw new IllegalArgumentException("peak period " + TimeSpan.format(period) + " is outside (0, "
                    + TimeSpan.format(PEAK_PERIOD_CEILING_NANOS) + "]");
        }
        long neededNanos = minimumPeakPeriodNanos(peak);
        if (period < neededNanos) {
            throw new IllegalArgumentException("peak period " + TimeSpan.format(period) + " at " + rate(peak)
                    + " holds fewer than " + PEAK_PERIOD_MIN_FRAMES + " maximum frames ("
                    + PEAK_PERIOD_MIN_FRAMES * WireBytes.MAX_FRAME_WIRE_BYTES + " bytes); make it at least "
                    + TimeSpan.format(neededNanos));
        }
    }

    /** The shortest peak period that holds {@link #PEAK_PERIOD_MIN_FRAMES} maximum frames at {@code peakBps}. */
    public static long minimumPeakPeriodNanos(long peakBps) {
        long bits = PEAK_PERIOD_MIN_FRAMES * WireBytes.MAX_FRAME_WIRE_BITS;
        return (bits * TimeSpan.NANOS_PER_SECOND + peakBps - 1) / peakBps;
    }

    /**
     * The rate of the peak gate: the peak less one maximum frame per peak period, so that with a tolerance of one
     * maximum frame no window of one peak period carries more than the peak.
     */
    public static long peakGateBps(long peakBps, long peakPeriodNanos) {
        long frameBps = (WireBytes.MAX_FRAME_WIRE_BITS * TimeSpan.NANOS_PER_SECOND + peakPeriodNanos - 1)
                / peakPeriodNanos;
        return peakBps - frameBps;
    }

    private static void rate(String name, long bps) {
        if (bps < 0) {
            throw new IllegalArgumentException(name + " " + bps + "bps cannot be negative");
        }
        if (bps > RATE_CEILING_BPS) {
            throw new IllegalArgumentException(name + " " + rate(bps) + " is above the largest allowed, "
                    + rate(RATE_CEILING_BPS));
        }
    }

    static String rate(long bps) {
        return new Rate(bps, Rate.Unit.BITS_PER_SECOND).toString();
    }
}
