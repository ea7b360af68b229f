package org.nicmanager.lib.lacp;

import java.util.Arrays;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * The transmit machine's timing (IEEE 802.1AX-2014 6.4.16): a request to send is served by a timer at the earliest
 * moment that keeps the port within {@link LacpTimes#MAX_TRANSMISSIONS_PER_FAST_PERIOD} LACPDUs per
 * Fast_Periodic_Time, and never from inside another event, so every request raised at one instant goes out as one
 * LACPDU (as the periodic tick of Linux's and Open vSwitch's implementations does).
 */
final class TransmitLimit {

    private static final long NEVER = Long.MIN_VALUE;

    private final KernelScheduler scheduler;
    private final Timer timer;
    /** Times of the last transmissions, the oldest at {@link #oldest}. */
    private final long[] sentAt = new long[LacpTimes.MAX_TRANSMISSIONS_PER_FAST_PERIOD];
    private int oldest;

    TransmitLimit(KernelScheduler scheduler, String name, Runnable send) {
        this.scheduler = scheduler;
        this.timer = scheduler.newTimer("LACP " + name + " transmit", send);
        Arrays.fill(sentAt, NEVER);
    }

    /** Arms the send for the earliest moment the limit allows; an earlier request already armed stands. */
    void request() {
        long first = sentAt[oldest];
        long earliest = first == NEVER ? scheduler.nanoTime()
                : Math.max(scheduler.nanoTime(), first + LacpTimes.FAST_PERIODIC_NANOS);
        if (!timer.armed() || timer.deadlineNanos() > earliest) {
            timer.armAt(earliest);
        }
    }

    /** An LACPDU went out now. */
    void sent() {
        sentAt[oldest] = scheduler.nanoTime();
        oldest = (oldest + 1) % sentAt.length;
    }

    void cancel() {
        timer.cancel();
    }
}
