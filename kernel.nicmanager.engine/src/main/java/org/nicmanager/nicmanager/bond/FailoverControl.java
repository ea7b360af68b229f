package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.time.KernelScheduler;

/**
 * A bond's failover and failback (patent [0101]-[0104]): takes a member out of service at a link event (carrier, a
 * hardware failure, an unanswered ARP monitor, a refusal with LINK_DOWN, a ring BUSY for too long, LACP closing its
 * gates), puts it back as the failback mode says, records each in the history, and tells the switches where the VMs
 * are now. Every change of who carries traffic goes through {@link #rebuild()} and reaches the observer.
 *
 * <p>Control path only, on the network world's thread: no locks.
 */
final class FailoverControl {

    private final Bond bond;
    private final KernelScheduler scheduler;
    private final BondMembers members;
    private final LoadSpreading spreading;
    private final TransmitPath transmit;
    private final BondCounters counters;
    private final MacsSeen macs;
    private final SwitchNotifier notifier;
    private final FailbackPolicy failback;
    private final LinkRechecker rechecker;
    private final FailoverHistory history;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private final CarrierDelayer carrierDelays;
    private final BusyWatch busyWatch;
    private final MemberRoles roles;
    private BondObserver observer = BondObserver.NONE;

    FailoverControl(Bond bond, KernelScheduler scheduler, BondMembers members, LoadSpreading spreading,
            TransmitPath transmit, BondCounters counters, MacsSeen macs, SwitchNotifier notifier,
            FailbackPolicy failback, LinkRechecker rechecker, FailoverHistory history, BondAggregation aggregation,
            ArpMonitor monitor, CarrierDelayer carrierDelays, BusyWatch busyWatch, MemberRoles roles) {
        this.bond = bond;
        this.scheduler = scheduler;
        this.members = members;
        this.spreading = spreading;
        this.transmit = transmit;
        this.counters = counters;
        this.macs = macs;
        this.notifier = notifier;
        this.failback = failback;
        this.rechecker = rechecker;
        this.history = history;
        this.aggregation = aggregation;
        this.monitor = monitor;
        this.carrierDelays = carrierDelays;
        this.busyWatch = busyWatch;
        this.roles = roles;
    }

    void setObserver(BondObserver observer) {
        this.observer = observer;
    }

    /** Tells the observer that the members carrying traffic, their roles or the capacity may have changed. */
    void carriersChanged() {
        transmit.carriersChanged(); // the observer hears of it, after any placement under way
    }

    /** Recomputes who carries traffic, the members' roles and the distributor's tables (a control event). */
    void rebuild() {
        members.recompute();
        roles.recompute(spreading.policy());
        spreading.rebuild();
    }

    /** Takes a member out of service; counts, records and notifies when it was carrying traffic. */
    void failover(int slot, FailoverReason reason, boolean recordAlways) {
        boolean wasCarrying = members.stopCarrying(slot);
        busyWatch.forget(slot);
        notifier.cancel(slot);
        failback.linkDown(slot);
        rechecker.stateIs(slot, members.state(slot));
        rebuild();
        if (wasCarrying) {
            counters.failovers++;
        }
        if (wasCarrying || recordAlways) {
            record(slot, reason);
        }
        transmit.carriersChanged(); // the observer hears of it, after any placement under way
        if (wasCarrying) {
            notifySwitches();
            if (!members.anyInService()) {
                lastResort();
            }
        }
    }

    /**
     * No member is in service any more: a recovered member that the failback mode holds out (a delayed failback's
     * hold-down, a manual failback not yet given, a ring that was busy) takes over at once, the first in failover order.
     * Failback rules ([0104]) choose between members that can carry traffic; they never leave the bond dark while one
     * can, as neither Linux bonding nor vSphere's "failback: no" does.
     */
    private void lastResort() {
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            if (members.state(slot) == MemberState.UP && !members.carrying(slot)) {
                failback.linkDown(slot); // ends its hold-down
                returnToService(slot);
                return;
            }
        }
    }

    /** A recovered member returns now if no member is in service, else when the failback mode says so. */
    private boolean mayReturn(int slot) {
        return !members.anyInService() || failback.linkUp(slot, members.failedOver(slot));
    }

    private void returnToService(int slot) {
        boolean wasFailedOver = members.startCarrying(slot);
        busyWatch.forget(slot);
        rebuild();
        if (wasFailedOver) {
            counters.failbacks++;
            record(slot, FailoverReason.FAILBACK);
            notifySwitches();
        }
        transmit.carriersChanged(); // the observer hears of it, after any placement under way
        transmit.drain();
    }

    /** Enters a failover, failback or removal in the history, and tells the observer. */
    private void record(int slot, FailoverReason reason) {
        observer.recorded(bond, history.record(scheduler.nanoTime(), slot, members.nic(slot).name(), reason));
    }

    /**
     * Puts a recovered member back in service now (MANUAL failback, patent [0104]); any mode may use it to end a
     * hold-down early. Returns false when the member already carries traffic.
     *
     * @throws IllegalArgumentException when its link is not UP, naming its state
     */
    boolean failBackNow(int slot) {
        if (members.state(slot) != MemberState.UP) {
            throw new IllegalArgumentException("cannot fail back member " + slot + " (" + members.nic(slot).name()
                    + ") of bond " + bond.name() + ": its state is " + members.state(slot) + ", and only an UP member"
                    + " can carry traffic");
        }
        if (members.carrying(slot)) {
            return false;
        }
        failback.linkDown(slot); // ends any hold-down
        returnToService(slot);
        return true;
    }

    /**
     * The member's ring stayed full for the failover-on-busy time ([0101]-[0102], a "resource limitation"): it fails
     * over as a whole, as at a link failure, unless it is the last member carrying traffic (then nothing would take
     * over, and its frames would be dropped rather than wait). Returns true when it failed over.
     */
    boolean failOverBusy(int slot) {
        if (!members.carrying(slot) || members.state(slot) != MemberState.UP || members.activeCount() < 2) {
            return false;
        }
        transmit.endReturnRun();
        failover(slot, FailoverReason.BUSY, false);
        transmit.drain(); // frames waiting for it go to the member that took over
        return true;
    }

    /** A member failed over as busy has room again: it comes back as a recovered link does, by the failback mode. */
    void busyEnded(int slot) {
        if (members.state(slot) == MemberState.UP && !members.carrying(slot) && mayReturn(slot)) {
            returnToService(slot);
        }
    }

    /**
     * A load-based bond moved a VM's port off a busy member: recorded and announced like a failover, so that operators
     * see ports move. The switches learn the port's MAC from its next frame through the new member.
     */
    void portMoved(int port, int from, int to, int fromPercent, int toPercent, int busySeconds) {
        String details = "port " + port + " moved from " + members.nic(from).name() + " (" + fromPercent + " % busy for "
                + busySeconds + " s, threshold " + bond.settings().loadBased().thresholdPercent() + " %) to "
                + members.nic(to).name() + " (" + toPercent + " %)";
        observer.recorded(bond, history.record(new FailoverEvent(scheduler.nanoTime(), to, members.nic(to).name(),
                FailoverReason.LOAD_MOVED, details)));
    }

    /** The failback hold-down of a recovered member ran out ([0104]). */
    void holdDownOver(int slot) {
        if (members.state(slot) == MemberState.UP && !members.carrying(slot)) {
            returnToService(slot);
        }
    }

    /** A carrier event from the NIC, or a poll that found the link changed: acted on after its delay, if any. */
    void carrierEvent(int slot, LinkState state) {
        if (members.state(slot) == MemberState.REMOVED) {
            linkEvent(slot, state);
        } else {
            carrierDelays.carrierChanged(slot, state);
        }
    }

    /** A member refused a frame with LINK_DOWN before its link event reached us: act now, at the first sign. */
    void linkDownOnTransmit(int slot) {
        LinkState actual = members.nic(slot).linkState();
        if (bond.settings().carrierDelays().downNanos() > 0 && actual != LinkState.FAILED
                && members.state(slot) == MemberState.UP) {
            carrierDelays.carrierChanged(slot, LinkState.DOWN);
            if (carrierDelays.downDelayRunning(slot)) {
                return; // the down-delay keeps it in service, as Linux does: the frame it refused is lost
            }
        }
        MemberState now = MemberState.of(actual);
        members.setState(slot, now == MemberState.UP ? MemberState.DOWN : now);
        failover(slot, FailoverReason.TRANSMIT_LINK_DOWN, false);
        aggregation.memberChanged(slot);
    }

    /**
     * Active in {@code arp_validate}'s sense: in failover-order the member carrying now (the first active one), every
     * other member a backup; in the spreading policies every member, as Linux's balance modes make every slave active.
     */
    boolean activeForArp(int slot) {
        if (spreading.policy().spreading() != Spreading.ONE_MEMBER) {
            return true;
        }
        return members.activeCount() > 0 && members.active(0) == slot;
    }

    /** A carrier change the bond acts on now ({@link CarrierDelayer} let it through). */
    void linkEvent(int slot, LinkState state) {
        if (members.state(slot) == MemberState.REMOVED) {
            transmit.drain(); // a vanished member's returned frames wait in the backlog
            return;
        }
        transmit.endReturnRun();
        MemberState next = MemberState.of(state);
        if (next == MemberState.UP && !monitor.reachable(slot)) {
            next = MemberState.UNREACHABLE; // carrier is back, but the ARP monitor has heard nothing through it yet
        }
        members.setState(slot, next);
        if (next != MemberState.UP) {
            failover(slot, switch (next) {
                case FAILED -> FailoverReason.HARDWARE_FAILED;
                case UNREACHABLE -> FailoverReason.ARP_UNANSWERED;
                default -> FailoverReason.CARRIER_LOST;
            }, false);
        } else {
            rechecker.stateIs(slot, next);
            if (mayReturn(slot)) {
                returnToService(slot);
            }
        }
        aggregation.memberChanged(slot);
        transmit.drain();
    }

    /**
     * The ARP monitor's verdict on a member with carrier: unreachable is a failover like a carrier loss, and reachable
     * again is a link coming back, which the failback mode governs.
     */
    void reachabilityChanged(int slot, boolean reachable) {
        MemberState state = members.state(slot);
        if (reachable ? state == MemberState.UNREACHABLE : state == MemberState.UP) {
            linkEvent(slot, LinkState.UP); // the carrier is up; the monitor's verdict decides UP or UNREACHABLE
        }
    }

    /**
     * LACP opened or closed gates (a control event): rebuild the tables; a member LACP took out of service is a
     * failover, its return a failback, both recorded like those of links.
     */
    void lacpGatesChanged(boolean[] left, boolean[] returned) {
        rebuild();
        boolean failedOver = false;
        for (int slot = 0; slot < left.length; slot++) {
            if (left[slot]) {
                counters.failovers++;
                failedOver = true;
                record(slot, FailoverReason.LACP);
            } else if (returned[slot]) {
                counters.failbacks++;
                record(slot, FailoverReason.FAILBACK);
            }
        }
        transmit.carriersChanged(); // the observer hears of it, after any placement under way
        if (failedOver) {
            notifySwitches();
        }
        transmit.drain();
    }

    /** From each member that now carries traffic, a gratuitous ARP per VM MAC seen, so switches relearn ([0101]). */
    private void notifySwitches() {
        if (!bond.settings().notifySwitches() || macs.size() == 0) {
            return;
        }
        int carriers = spreading.policy().spreading() == Spreading.ONE_MEMBER ? Math.min(1, members.activeCount())
                : members.activeCount();
        for (int i = 0; i < carriers; i++) {
            int slot = members.active(i);
            notifier.announce(slot, members.nic(slot), macs);
        }
    }
}
