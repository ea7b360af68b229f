package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * How long precedence held each priority level back ([0117]-[0118]), so each VM's starved time costs the frame path
 * no more than a subtraction when it enters or leaves the service order. Per level p it keeps the kernel time during
 * which some VM of priority above p was ready to send; a VM that is ready for a span is starved for what its level's
 * clock advanced over that span. The clock of every level below the highest ready priority advances together, so
 * only a change of that highest priority folds the elapsed time in (a loop over at most {@link Priority#HIGHEST}
 * levels, no allocation). Owned by the world thread.
 */
final class PrecedenceTime {

    private final long[] heldNanos = new long[Priority.HIGHEST + 1];
    /** The highest priority with a ready VM since {@link #sinceNanos}; -1: none. */
    private int highest = -1;
    private long sinceNanos;

    /** The highest ready priority is now {@code priority} (-1: none). Called only when it changes. */
    void highestReady(int priority, long nowNanos) {
        long elapsed = nowNanos - sinceNanos;
        for (int level = 0; level < highest; level++) {
            heldNanos[level] += elapsed;
        }
        highest = priority;
        sinceNanos = nowNanos;
    }

    int highestReady() {
        return highest;
    }

    /** The kernel time, up to {@code nowNanos}, during which a VM of priority above {@code level} was ready. */
    long heldNanos(int level, long nowNanos) {
        return level < highest ? heldNanos[level] + nowNanos - sinceNanos : heldNanos[level];
    }
}
