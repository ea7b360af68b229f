package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Polls the link of members out of service, as a safety net under the carrier events that drive recovery: severity
 * sets the period (issue 4), so a FAILED member (hardware) is rechecked less often than a DOWN one (no carrier). One
 * reusable timer per member, armed only while the member is DOWN or FAILED.
 */
final class LinkRechecker {

    /** Told when a poll finds a member's link in another state than the bond believes. */
    interface Owner {
        void linkPolled(int slot, LinkState state);
    }

    private final KernelScheduler scheduler;
    private final long downPeriodNanos;
    private final long failedPeriodNanos;
    private final Owner owner;
    private final Timer[] timers = new Timer[BondMembers.MAX_MEMBERS];
    private final PhysicalNic[] nics = new PhysicalNic[BondMembers.MAX_MEMBERS];
    private final MemberState[] believed = new MemberState[BondMembers.MAX_MEMBERS];
    private long polls;

    LinkRechecker(KernelScheduler scheduler, long downPeriodNanos, long failedPeriodNanos, Owner owner) {
        this.scheduler = scheduler;
        this.downPeriodNanos = downPeriodNanos;
        this.failedPeriodNanos = failedPeriodNanos;
        this.owner = owner;
    }

    void memberAdded(String bond, int slot, PhysicalNic nic) {
        nics[slot] = nic;
        timers[slot] = scheduler.newTimer("bond " + bond + " recheck " + nic.name(), () -> poll(slot));
    }

    /** The member's state is now {@code state}: arms the poll for DOWN and FAILED, disarms it otherwise. */
    void stateIs(int slot, MemberState state) {
        believed[slot] = state;
        long period = periodNanos(state);
        if (period > 0) {
            timers[slot].armAfter(period);
        } else {
            timers[slot].cancel();
        }
    }

    long periodNanos(MemberState state) {
        return switch (state) {
            case DOWN -> downPeriodNanos;
            case FAILED -> failedPeriodNanos;
            default -> 0;
        };
    }

    boolean armed(int slot) {
        return timers[slot].armed();
    }

    long polls() {
        return polls;
    }

    private void poll(int slot) {
        polls++;
        LinkState actual = nics[slot].linkState();
        if (MemberState.of(actual) != believed[slot]) {
            owner.linkPolled(slot, actual);
        } else {
            stateIs(slot, believed[slot]);
        }
    }
}
