package org.nicmanager.nicmanager.bond;

import java.util.function.IntConsumer;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * When a recovered member takes traffic again (patent [0104]): {@link FailbackMode#IMMEDIATE} at its link-up event,
 * {@link FailbackMode#DELAYED} once it has stayed UP for the hold-down time (a flap cancels the wait, and the next
 * link-up starts it afresh: hysteresis), {@link FailbackMode#MANUAL} only when the operator says so. One reusable
 * timer per member.
 */
final class FailbackPolicy {

    private final KernelScheduler scheduler;
    private final FailbackMode mode;
    private final long holdDownNanos;
    /** Told when a member's hold-down has run out: put it back in service. */
    private final IntConsumer holdDownOver;
    private final Timer[] holdDown = new Timer[BondMembers.MAX_MEMBERS];

    FailbackPolicy(KernelScheduler scheduler, FailbackMode mode, long holdDownNanos, IntConsumer holdDownOver) {
        this.scheduler = scheduler;
        this.mode = mode;
        this.holdDownNanos = holdDownNanos;
        this.holdDownOver = holdDownOver;
    }

    FailbackMode mode() {
        return mode;
    }

    void memberAdded(String bond, int slot, String nic) {
        holdDown[slot] = scheduler.newTimer("bond " + bond + " failback " + nic, () -> holdDownOver.accept(slot));
    }

    /**
     * A member's link came up. True when it should carry traffic at once: a member that never failed over (it was
     * never in service) always does; a failed-over one as the mode says.
     */
    boolean linkUp(int slot, boolean failedOver) {
        if (!failedOver) {
            return true;
        }
        switch (mode) {
            case IMMEDIATE:
                return true;
            case DELAYED:
                if (holdDownNanos == 0) {
                    return true;
                }
                holdDown[slot].armAfter(holdDownNanos);
                return false;
            default:
                return false;
        }
    }

    /** The member's link went down (or it was removed): any hold-down in progress starts again at the next link-up. */
    void linkDown(int slot) {
        if (holdDown[slot] != null) {
            holdDown[slot].cancel();
        }
    }

    /** True while a DELAYED member waits out its hold-down. */
    boolean waiting(int slot) {
        return holdDown[slot] != null && holdDown[slot].armed();
    }

    /** Kernel time at which a waiting member's hold-down ends; meaningless unless {@link #waiting}. */
    long waitEndsAtNanos(int slot) {
        return holdDown[slot].deadlineNanos();
    }
}
