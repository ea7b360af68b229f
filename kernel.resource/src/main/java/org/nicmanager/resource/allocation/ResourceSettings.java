package org.nicmanager.resource.allocation;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * The resource manager's own settings (configuration {@code org.nicmanager.resource}). Units are in the names.
 *
 * @param costMode what a frame costs in consumption units ([0096])
 * @param lagBoundUnits how far, in consumption units, a VM that was idle may be behind the others when it returns
 *        ([0097]): the most extra service it can claim at once
 * @param intervalNanos the interval over which {@code intervalMinUnits} and {@code intervalMaxUnits} are counted
 * @param intervalMinUnits per VM and interval, units a backlogged VM gets ahead of share order and of priority: the
 *        floor that keeps precedence ([0117]) from starving a running VM for good; 0: none
 * @param intervalMaxUnits per VM and interval, units after which a VM yields to every VM below that bound; 0: none
 * @param queueLimitFrames per VM and uplink, frames its queue holds
 * @param queueLimitBytes per VM and uplink, frame bytes its queue holds
 * @param minShares the fewest shares an allocation may have
 * @param maxShares the most shares an allocation may have
 * @param defaultShares the shares of a VM without an allocation
 */
public record ResourceSettings(CostMode costMode, long lagBoundUnits, long intervalNanos, long intervalMinUnits,
        long intervalMaxUnits, int queueLimitFrames, long queueLimitBytes, int minShares, int maxShares,
        int defaultShares) {

    public static final CostMode DEFAULT_COST_MODE = CostMode.BYTES;
    /** About seven full-size frames, or one jumbo frame and change. */
    public static final long DEFAULT_LAG_BOUND_UNITS = 65_536;
    public static final long DEFAULT_INTERVAL_MS = 10;
    /**
     * The floor with {@link CostMode#BYTES}: 1 % of a 1 Gb/s link over the default 10 ms interval (12,500 bytes, eight
     * full-size frames), so a backlogged VM that precedence holds back still gets about 10 Mb/s, and a VM whose shares
     * already give it more sees only its frames reordered within the interval.
     */
    public static final long DEFAULT_INTERVAL_MIN_UNITS = 12_500;
    /** The floor with {@link CostMode#FRAMES}: the same eight full-size frames per interval. */
    public static final long DEFAULT_INTERVAL_MIN_FRAMES = 8;
    public static final long DEFAULT_INTERVAL_MAX_UNITS = 0;
    public static final int DEFAULT_QUEUE_LIMIT_FRAMES = 256;
    /** 256 full-size (1514-byte) frames. */
    public static final long DEFAULT_QUEUE_LIMIT_BYTES = 256 * 1514;
    public static final int DEFAULT_MIN_SHARES = 1;
    public static final int DEFAULT_MAX_SHARES = 100_000;
    public static final int DEFAULT_SHARES = 1_000;

    /** The widest share bounds settings may choose: virtual time keeps its precision within them. */
    public static final int SHARES_CEILING = 1_000_000;
    public static final long LAG_BOUND_CEILING_UNITS = 1L << 30;
    public static final long INTERVAL_FLOOR_NANOS = 100_000;
    public static final long INTERVAL_CEILING_NANOS = 10_000_000_000L;
    public static final int QUEUE_FRAMES_CEILING = 65_536;
    public static final long QUEUE_BYTES_CEILING = 1L << 30;

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The default floor in the units of {@code costMode}: eight full-size frames per interval either way. */
    public static long defaultIntervalMinUnits(CostMode costMode) {
        return costMode == CostMode.FRAMES ? DEFAULT_INTERVAL_MIN_FRAMES : DEFAULT_INTERVAL_MIN_UNITS;
    }

    public static ResourceSettings defaults() {
        return new ResourceSettings(DEFAULT_COST_MODE, DEFAULT_LAG_BOUND_UNITS, DEFAULT_INTERVAL_MS * NANOS_PER_MILLI,
                DEFAULT_INTERVAL_MIN_UNITS, DEFAULT_INTERVAL_MAX_UNITS, DEFAULT_QUEUE_LIMIT_FRAMES,
                DEFAULT_QUEUE_LIMIT_BYTES, DEFAULT_MIN_SHARES, DEFAULT_MAX_SHARES, DEFAULT_SHARES);
    }

    /** @throws IllegalArgumentException naming the first bad value and what is allowed */
    public ResourceSettings {
        if (costMode == null) {
            throw new IllegalArgumentException("costMode is missing; allowed: BYTES, FRAMES");
        }
        within("lagBoundUnits", lagBoundUnits, 0, LAG_BOUND_CEILING_UNITS);
        within("intervalMs (in ns)", intervalNanos, INTERVAL_FLOOR_NANOS, INTERVAL_CEILING_NANOS);
        within("intervalMinUnits", intervalMinUnits, 0, Long.MAX_VALUE / 2);
        within("intervalMaxUnits", intervalMaxUnits, 0, Long.MAX_VALUE / 2);
        if (intervalMaxUnits > 0 && intervalMaxUnits < intervalMinUnits) {
            throw new IllegalArgumentException("intervalMaxUnits " + intervalMaxUnits + " is below intervalMinUnits "
                    + intervalMinUnits + "; the maximum must be 0 (none) or at least the minimum");
        }
        within("queueLimitFrames", queueLimitFrames, 1, QUEUE_FRAMES_CEILING);
        within("queueLimitBytes", queueLimitBytes, FrameBuffer.MAX_FRAME_BYTES, QUEUE_BYTES_CEILING);
        within("minShares", minShares, 1, SHARES_CEILING);
        within("maxShares", maxShares, minShares, SHARES_CEILING);
        within("defaultShares", defaultShares, minShares, maxShares);
    }

    private static void within(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
