package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Holds back carrier changes for {@link CarrierDelays} before the bond acts on them, with two reusable kernel timers
 * per member. A carrier loss of a member in service starts its down-delay: a carrier back within it cancels it, and
 * nothing happened; at its end the bond is told the carrier as it is then. A carrier return of a member out of service
 * starts its up-delay, which a new loss cancels. A hardware fault (FAILED) is never delayed. Control path only.
 */
final class CarrierDelayer {

    /** Told when a carrier change has lasted its delay (or needs none): act on it. */
    interface Owner {
        void carrierSettled(int slot, LinkState state);
    }

    private final KernelScheduler scheduler;
    private final CarrierDelays delays;
    private final BondMembers members;
    private final Owner owner;
    private final Timer[] upTimers = new Timer[BondMembers.MAX_MEMBERS];
    private final Timer[] downTimers = new Timer[BondMembers.MAX_MEMBERS];
    private long flapsRiddenOut;

    CarrierDelayer(KernelScheduler scheduler, CarrierDelays delays, BondMembers members, Owner owner) {
        this.scheduler = scheduler;
        this.delays = delays;
        this.members = members;
        this.owner = owner;
    }

    void memberAdded(String bond, int slot, PhysicalNic nic) {
        cancel(slot);
        upTimers[slot] = scheduler.newTimer("bond " + bond + " updelay " + nic.name(), () -> upDelayOver(slot));
        downTimers[slot] = scheduler.newTimer("bond " + bond + " downdelay " + nic.name(), () -> downDelayOver(slot));
    }

    /** A carrier event from the NIC, or a poll that found the link changed. */
    void carrierChanged(int slot, LinkState state) {
        MemberState believed = members.state(slot);
        boolean inService = believed == MemberState.UP || believed == MemberState.UNREACHABLE;
        if (state == LinkState.FAILED) {
            cancel(slot);
            owner.carrierSettled(slot, state);
        } else if (state == LinkState.DOWN) {
            upTimers[slot].cancel();
            if (inService && delays.downNanos() > 0) {
                if (!downTimers[slot].armed()) {
                    downTimers[slot].armAfter(delays.downNanos());
                }
            } else {
                owner.carrierSettled(slot, state);
            }
        } else if (downTimers[slot].armed()) {
            downTimers[slot].cancel(); // back within the down-delay: the member never left
            flapsRiddenOut++;
        } else if (!inService && delays.upNanos() > 0 && members.activeCount() > 0) {
            if (!upTimers[slot].armed()) {
                upTimers[slot].armAfter(delays.upNanos());
            }
        } else {
            owner.carrierSettled(slot, state);
        }
    }

    /** The member is out of service for another reason (removed, transmit refused): no delay runs for it. */
    void cancel(int slot) {
        if (upTimers[slot] != null) {
            upTimers[slot].cancel();
            downTimers[slot].cancel();
        }
    }

    /** True while the member's carrier is down but its down-delay keeps it in service. */
    boolean downDelayRunning(int slot) {
        return downTimers[slot] != null && downTimers[slot].armed();
    }

    /** True while the member's carrier is up but its up-delay keeps it out of service. */
    boolean upDelayRunning(int slot) {
        return upTimers[slot] != null && upTimers[slot].armed();
    }

    CarrierDelays delays() {
        return delays;
    }

    /** Carrier losses that came back within the down-delay, so no failover happened. */
    long flapsRiddenOut() {
        return flapsRiddenOut;
    }

    private void upDelayOver(int slot) {
        LinkState now = members.nic(slot).linkState();
        if (now == LinkState.UP) {
            owner.carrierSettled(slot, now);
        }
    }

    private void downDelayOver(int slot) {
        LinkState now = members.nic(slot).linkState();
        if (now != LinkState.UP) {
            owner.carrierSettled(slot, now);
        }
    }
}
