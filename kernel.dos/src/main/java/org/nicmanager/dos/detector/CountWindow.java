package org.nicmanager.dos.detector;

/**
 * A rate over a sliding window, from a cumulative count the frame path only increments: each assessment samples the
 * count (control path), keeping about {@value #SAMPLES_PER_WINDOW} samples per window, and the rate is the growth since
 * the newest sample at least a window old. The sample rings start small and double up to their bound on the control
 * path, so that a host with thousands of idle VMs does not keep full rings for each (issue 17).
 */
final class CountWindow {

    static final int SAMPLES_PER_WINDOW = 16;
    /** Enough samples to reach back a whole window, whatever the spacing rounding. */
    private static final int CAPACITY = 2 * SAMPLES_PER_WINDOW + 2;
    private static final double NANOS_PER_SECOND = 1e9;

    private static final int FIRST_CAPACITY = 4;

    private long[] times = new long[FIRST_CAPACITY];
    private long[] counts = new long[FIRST_CAPACITY];
    /** Index of the oldest sample. */
    private int oldest;
    private int size;

    /**
     * The count's growth per second over the last {@code windowNanos}, or over the history there is when it is
     * shorter; 0 until two moments have been seen.
     */
    double perSecond(long nowNanos, long cumulative, long windowNanos) {
        long spacing = Math.max(1, windowNanos / SAMPLES_PER_WINDOW);
        if (size == 0 || nowNanos - times[index(size - 1)] >= spacing) {
            push(nowNanos, cumulative);
        }
        int base = index(0);
        for (int i = 1; i < size && times[index(i)] <= nowNanos - windowNanos; i++) {
            base = index(i);
        }
        long span = nowNanos - times[base];
        return span <= 0 ? 0 : (cumulative - counts[base]) * NANOS_PER_SECOND / span;
    }

    private void push(long nowNanos, long cumulative) {
        if (size == times.length && size < CAPACITY) {
            grow();
        }
        if (size == times.length) {
            oldest = (oldest + 1) % times.length;
            size--;
        }
        int at = index(size);
        times[at] = nowNanos;
        counts[at] = cumulative;
        size++;
    }

    /** Doubles the rings (up to {@link #CAPACITY}), the oldest sample first. */
    private void grow() {
        int capacity = Math.min(CAPACITY, 2 * times.length);
        long[] grownTimes = new long[capacity];
        long[] grownCounts = new long[capacity];
        for (int i = 0; i < size; i++) {
            grownTimes[i] = times[index(i)];
            grownCounts[i] = counts[index(i)];
        }
        times = grownTimes;
        counts = grownCounts;
        oldest = 0;
    }

    private int index(int fromOldest) {
        return (oldest + fromOldest) % times.length;
    }
}
