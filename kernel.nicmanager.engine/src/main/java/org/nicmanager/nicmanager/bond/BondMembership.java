package org.nicmanager.nicmanager.bond;

import java.util.function.IntFunction;

import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;

/**
 * Who is in a bond (patent [0059]-[0061]): members join at the end of the failover order ([0070]) and are listened
 * to and made promiscuous ([0063]); they leave when the operator takes them out, when their driver goes away, or when
 * the bond closes. Each part that follows a member (LACP, the ARP monitor, the busy watch, the failback hold-down, the
 * link recheck, the carrier delays) hears of it joining and leaving here.
 *
 * <p>Control path only, on the network world's thread.
 */
final class BondMembership {

    private final String name;
    private final BondMembers members;
    private final IntFunction<NicListener> listeners;
    private final TransmitPath transmit;
    private final FailoverControl failover;
    private final LoadSpreading spreading;
    private final MemberRoles roles;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private final BusyWatch busyWatch;
    private final FailbackPolicy failback;
    private final LinkRechecker rechecker;
    private final CarrierDelayer carrierDelays;
    private final SwitchNotifier notifier;

    /** @param listeners the listener of the member in a slot, told everything its NIC says */
    BondMembership(String name, BondMembers members, IntFunction<NicListener> listeners, TransmitPath transmit,
            FailoverControl failover, LoadSpreading spreading, MemberRoles roles, BondAggregation aggregation,
            ArpMonitor monitor, BusyWatch busyWatch, FailbackPolicy failback, LinkRechecker rechecker,
            CarrierDelayer carrierDelays, SwitchNotifier notifier) {
        this.name = name;
        this.members = members;
        this.listeners = listeners;
        this.transmit = transmit;
        this.failover = failover;
        this.spreading = spreading;
        this.roles = roles;
        this.aggregation = aggregation;
        this.monitor = monitor;
        this.busyWatch = busyWatch;
        this.failback = failback;
        this.rechecker = rechecker;
        this.carrierDelays = carrierDelays;
        this.notifier = notifier;
    }

    /**
     * Adds a NIC at the end of the failover order, listens to it and makes it promiscuous ([0063]). A NIC that is UP
     * carries traffic at once. Returns its slot.
     */
    int add(PhysicalNic nic) {
        int slot = members.add(nic);
        aggregation.memberAdded(slot); // an LACP member carries nothing until it negotiates
        monitor.memberAdded(slot);
        busyWatch.memberAdded(name, slot, nic.name());
        failback.memberAdded(name, slot, nic.name());
        rechecker.memberAdded(name, slot, nic);
        carrierDelays.memberAdded(name, slot, nic);
        nic.attach(listeners.apply(slot));
        nic.setPromiscuous(true);
        if (members.state(slot) == MemberState.UP) {
            members.startCarrying(slot);
        }
        rechecker.stateIs(slot, members.state(slot));
        failover.rebuild();
        failover.carriersChanged();
        transmit.drain();
        return slot;
    }

    /** The operator takes a member out: fail over from it and let go of the NIC, which stays on the host. */
    void remove(int slot) {
        retire(slot);
        PhysicalNic nic = members.nic(slot);
        nic.attach(null);
        nic.setPromiscuous(false);
    }

    /**
     * The member's driver went away (patent step 752, in reverse): fail over from it at once. The bond stays the NIC's
     * listener, so that the frames still on its ring come back through {@link NicListener#transmitAborted} when the
     * driver tears the NIC down, and are resent on the survivors.
     */
    void vanished(int slot) {
        retire(slot);
    }

    private void retire(int slot) {
        checkSlot(slot);
        if (members.state(slot) == MemberState.REMOVED) {
            throw new IllegalArgumentException("member " + slot + " of bond " + name + " was already removed");
        }
        transmit.endReturnRun();
        members.setState(slot, MemberState.REMOVED);
        carrierDelays.cancel(slot);
        failover.failover(slot, FailoverReason.REMOVED, true);
        aggregation.memberChanged(slot);
        transmit.drain();
    }

    /**
     * Puts these members first in the failover order ([0070]), in the order given; the others follow as before.
     *
     * @throws IllegalArgumentException for a slot named twice or unknown
     */
    void putFirst(int[] slots) {
        for (int i = 0; i < slots.length; i++) {
            checkSlot(slots[i]);
            for (int j = 0; j < i; j++) {
                if (slots[j] == slots[i]) {
                    throw new IllegalArgumentException(members.nic(slots[i]).name() + " is named twice");
                }
            }
        }
        members.putFirst(slots);
        aggregation.orderChanged();
        failover.rebuild();
        failover.carriersChanged();
    }

    /** The bond goes away: its NICs are let go, and nothing follows its members any longer. */
    void releaseAll() {
        for (int slot = 0; slot < members.count(); slot++) {
            if (members.state(slot) != MemberState.REMOVED) {
                members.setState(slot, MemberState.REMOVED);
                members.stopCarrying(slot);
                members.nic(slot).attach(null);
                members.nic(slot).setPromiscuous(false);
            }
            failback.linkDown(slot);
            rechecker.stateIs(slot, MemberState.REMOVED);
            carrierDelays.cancel(slot);
            notifier.cancel(slot);
        }
        members.recompute();
        roles.recompute(spreading.policy());
    }

    /** @throws IllegalArgumentException for a slot the bond never had, naming the slots it has */
    void checkSlot(int slot) {
        if (slot < 0 || slot >= members.count()) {
            throw new IllegalArgumentException("bond " + name + " has no member " + slot + "; its slots are 0.."
                    + (members.count() - 1));
        }
    }
}
