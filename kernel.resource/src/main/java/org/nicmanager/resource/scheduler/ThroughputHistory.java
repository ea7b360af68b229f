package org.nicmanager.resource.scheduler;

import java.util.Arrays;

/**
 * Samples of each VM's cumulative offered and sent wire bytes, taken on the control path every
 * {@link #SAMPLE_NANOS} of kernel time (a timer), so that throughput over a window costs the frame path nothing. A
 * fine ring keeps the last second at 10 ms; a coarse ring the last {@link #longestWindowNanos()} at one second. A VM
 * that arrived after a sample had, correctly, zero counters then.
 */
final class ThroughputHistory {

    static final long SAMPLE_NANOS = 10_000_000L;
    private static final int FINE_SAMPLES = 101;
    private static final int FINE_PER_COARSE = 100;
    private static final int COARSE_SAMPLES = 65;

    /** The counters of one VM at one past time, and that time. */
    record Mark(long atNanos, long offeredWireBytes, long sentWireBytes) {
    }

    private final Ring fine;
    private final Ring coarse;
    private final long openedAtNanos;
    private long samples;

    ThroughputHistory(long openedAtNanos) {
        this.openedAtNanos = openedAtNanos;
        this.fine = new Ring(FINE_SAMPLES);
        this.coarse = new Ring(COARSE_SAMPLES);
    }

    /** How far back a window may reach. */
    static long longestWindowNanos() {
        return (COARSE_SAMPLES - 1) * FINE_PER_COARSE * SAMPLE_NANOS;
    }

    void ensureSlots(int count) {
        fine.ensureSlots(count);
        coarse.ensureSlots(count);
    }

    void sample(long nowNanos, VmTable table) {
        fine.record(nowNanos, table);
        if (++samples % FINE_PER_COARSE == 0) {
            coarse.record(nowNanos, table);
        }
    }

    /**
     * The counters of slot {@code slot} at the latest sample at least {@code windowNanos} old; at the scheduler's
     * opening (all zero) when it opened since; at the oldest sample kept when the window reaches further back.
     */
    Mark since(int slot, long nowNanos, long windowNanos) {
        long cutoff = nowNanos - windowNanos;
        Ring ring = windowNanos <= (FINE_SAMPLES - 1) * SAMPLE_NANOS ? fine : coarse;
        int at = ring.latestAtOrBefore(cutoff);
        if (at < 0 && ring.filled < ring.times.length) {
            return new Mark(openedAtNanos, 0, 0);
        }
        if (at < 0) {
            at = ring.next; // the oldest sample kept: the window is as long as history allows
        }
        return new Mark(ring.times[at], ring.offered[slot][at], ring.sent[slot][at]);
    }

    /** A ring of sample times and, per slot, the counters at those times. */
    private static final class Ring {
        final long[] times;
        long[][] offered = new long[0][];
        long[][] sent = new long[0][];
        int next;
        int filled;

        Ring(int samples) {
            times = new long[samples];
        }

        /** Rows for {@code count} slots; the row arrays double, the rows are made only for slots in use (issue 17). */
        void ensureSlots(int count) {
            if (count > offered.length) {
                offered = Arrays.copyOf(offered, Math.max(count, offered.length * 2));
                sent = Arrays.copyOf(sent, offered.length);
            }
            for (int slot = count - 1; slot >= 0 && offered[slot] == null; slot--) {
                offered[slot] = new long[times.length];
                sent[slot] = new long[times.length];
            }
        }

        void record(long nowNanos, VmTable table) {
            times[next] = nowNanos;
            for (int slot = 0; slot < table.count(); slot++) {
                VmSlot vm = table.slot(slot);
                offered[slot][next] = vm.offeredWireBytes;
                sent[slot][next] = vm.sentWireBytes;
            }
            next = (next + 1) % times.length;
            filled = Math.min(filled + 1, times.length);
        }

        int latestAtOrBefore(long cutoff) {
            for (int back = 1; back <= filled; back++) {
                int at = Math.floorMod(next - back, times.length);
                if (times[at] <= cutoff) {
                    return at;
                }
            }
            return -1;
        }
    }
}
