package org.nicmanager.nicmanager.bond;

import java.util.Arrays;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Fails over a member whose transmit ring stays full for the bond's {@code failover-on-busy} time: the patent's
 * failover on "a failure or resource limitation" ([0101]-[0102]), done for the whole member rather than frame by frame
 * (issue 18). Off (0) by default: a full ring is otherwise a transient limit ([0065]) that the bond waits out.
 *
 * <p>The frame path only notes, with the kernel clock, when a member first refused a frame as BUSY, and forgets it
 * when the member takes a frame or says its ring has room: two array writes, no allocation. A per-member timer, armed
 * at most once per busy period, decides; after a failover it polls the ring until it has room, and the bond's failback
 * rules then bring the member back ({@link FailbackPolicy}).
 */
final class BusyWatch {

    /** Callbacks into the bond, on the world's thread. */
    interface Verdicts {
        /**
         * The member's ring has been full for the whole failover-on-busy time: fail it over. False when the bond
         * keeps it (it carries nothing, or no other member could take over).
         */
        boolean busyTooLong(int slot);

        /** A member failed over as busy has room on its ring again: the failback rules decide when it returns. */
        void busyOver(int slot);
    }

    private static final long NOT_BUSY = Long.MIN_VALUE;

    private final KernelScheduler scheduler;
    private final BondMembers members;
    private final Verdicts verdicts;
    private final Timer[] timers = new Timer[BondMembers.MAX_MEMBERS];
    /** Kernel time of the member's first BUSY answer since it last took a frame or had room, or {@link #NOT_BUSY}. */
    private final long[] busySince = new long[BondMembers.MAX_MEMBERS];
    /** Failed over for a full ring: the timer polls the ring until it has room. */
    private final boolean[] failedOverBusy = new boolean[BondMembers.MAX_MEMBERS];
    private long limitNanos;

    /** @param limitNanos how long a ring may stay full before its member fails over; 0: never */
    BusyWatch(KernelScheduler scheduler, BondMembers members, long limitNanos, Verdicts verdicts) {
        this.scheduler = scheduler;
        this.members = members;
        this.limitNanos = limitNanos;
        this.verdicts = verdicts;
        Arrays.fill(busySince, NOT_BUSY);
    }

    void memberAdded(String bond, int slot, String nic) {
        timers[slot] = scheduler.newTimer("bond " + bond + " busy " + nic, () -> due(slot));
        busySince[slot] = NOT_BUSY;
        failedOverBusy[slot] = false;
    }

    /** A new limit (0: off) applies from the next busy period on; a member already failed over keeps its poll. */
    void setLimitNanos(long nanos) {
        limitNanos = nanos;
    }

    /** Frame path: the member answered BUSY. */
    void refused(int slot) {
        if (limitNanos == 0 || busySince[slot] != NOT_BUSY) {
            return;
        }
        long now = scheduler.nanoTime();
        busySince[slot] = now;
        if (!timers[slot].armed()) {
            timers[slot].armAt(now + limitNanos);
        }
    }

    /** Frame path: the member took a frame, so its ring was not full. */
    void tookFrame(int slot) {
        busySince[slot] = NOT_BUSY;
    }

    /** The member's NIC says its ring has room again. */
    void room(int slot) {
        busySince[slot] = NOT_BUSY;
        if (failedOverBusy[slot]) {
            recovered(slot);
        }
    }

    /** The member left service for another reason, or returned: nothing to watch. */
    void forget(int slot) {
        busySince[slot] = NOT_BUSY;
        failedOverBusy[slot] = false;
        if (timers[slot] != null) {
            timers[slot].cancel();
        }
    }

    void close() {
        for (Timer timer : timers) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    private void due(int slot) {
        if (failedOverBusy[slot]) {
            if (members.nic(slot).transmitRingFull()) {
                timers[slot].armAfter(pollNanos());
            } else {
                recovered(slot);
            }
            return;
        }
        long since = busySince[slot];
        if (since == NOT_BUSY || limitNanos == 0) {
            return; // the ring had room again since: the next BUSY starts a new period
        }
        if (!members.nic(slot).transmitRingFull()) {
            busySince[slot] = NOT_BUSY;
            return;
        }
        long endsAt = since + limitNanos;
        if (scheduler.nanoTime() < endsAt) {
            timers[slot].armAt(endsAt); // a later busy period than the one the timer was armed for
            return;
        }
        if (verdicts.busyTooLong(slot)) {
            failedOverBusy[slot] = true;
            timers[slot].armAfter(pollNanos());
        } else if (members.carrying(slot)) {
            timers[slot].armAfter(limitNanos); // the only carrier: look again later, another may have returned
        } else {
            busySince[slot] = NOT_BUSY;
        }
    }

    private void recovered(int slot) {
        failedOverBusy[slot] = false;
        busySince[slot] = NOT_BUSY;
        timers[slot].cancel();
        verdicts.busyOver(slot);
    }

    /** How often a failed-over member's ring is looked at: a tenth of the limit, at least 1 ms. */
    private long pollNanos() {
        return Math.max(1_000_000L, limitNanos / 10);
    }
}
