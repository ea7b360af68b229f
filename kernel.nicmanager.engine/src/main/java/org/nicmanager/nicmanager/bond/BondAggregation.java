package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.nicmanager.lib.lacp.LagId;
import org.nicmanager.nicmanager.lacp.BondLacp;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpMembers;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * How a bond's members act towards the switch (patent [0071], [0086]-[0087]): as a host-side team (OFF), as one link
 * of a static group (STATIC), or as LACP negotiates (ACTIVE, PASSIVE), which opens and closes each member's gates.
 * Slow-protocol frames (IEEE 802.3 Annex 57A) stop here: LACPDUs go to LACP, the rest are counted, none reach a VM.
 */
final class BondAggregation implements LacpMembers {

    /** Told when LACP opened or closed gates: which members it took out of service, which came back. */
    interface GateListener {
        void gatesChanged(boolean[] left, boolean[] returned);
    }

    private final LacpSettings settings;
    private final BondMembers members;
    private final BondCounters counters;
    private final GateListener listener;
    private final BondLacp lacp;
    /** Members LACP took out of service: their return is a failback. */
    private final boolean[] detached = new boolean[BondMembers.MAX_MEMBERS];

    BondAggregation(String bond, LacpSettings settings, KernelScheduler scheduler, BondMembers members,
            BondCounters counters, GateListener listener) {
        this.settings = settings;
        this.members = members;
        this.counters = counters;
        this.listener = listener;
        this.lacp = settings.negotiates() ? new BondLacp(bond, settings, scheduler, this) : null;
    }

    LacpSettings settings() {
        return settings;
    }

    /**
     * True when the members are one link towards the switch, which then sends each frame (broadcasts included) down
     * one member only: a static group, or LACP that is not falling back to active-backup.
     */
    boolean aggregated() {
        return settings.aggregates() && (lacp == null || !lacp.inFallback());
    }

    /** True while LACP, finding no partner that speaks it, runs the bond as active-backup. */
    boolean inLacpFallback() {
        return lacp != null && lacp.inFallback();
    }

    /** Why LACP keeps this healthy member from distributing, for people; "" without LACP. */
    String whyNotDistributing(int slot) {
        return lacp == null ? "" : lacp.whyNotDistributing(slot);
    }

    /**
     * Which members would distribute if the named NICs failed (for what-if capacity): the members distributing now
     * less those; under LACP, when the failure would make selection choose another group, that group's members that are
     * up and in service (once they negotiate), and none when fewer than min-links would remain; in LACP's fallback the
     * first member up and in service.
     */
    boolean[] distributorsWithout(java.util.Collection<String> failed) {
        int count = members.count();
        boolean[] gone = new boolean[count];
        for (int slot = 0; slot < count; slot++) {
            gone[slot] = failed.contains(members.nic(slot).name());
        }
        boolean[] carriers = new boolean[count];
        if (inLacpFallback()) {
            for (int rank = 0; rank < count; rank++) {
                int slot = members.slotAt(rank);
                if (!gone[slot] && up(slot) && members.carrying(slot)) {
                    carriers[slot] = true;
                    break;
                }
            }
            return carriers;
        }
        LagId group = lacp == null ? null : lacp.chosenWithout(gone);
        boolean regroup = lacp != null && group != null && !group.equals(lacp.chosen());
        boolean lost = false;
        int remaining = 0;
        for (int slot = 0; slot < count; slot++) {
            if (gone[slot]) {
                lost |= members.isActive(slot);
                continue;
            }
            carriers[slot] = regroup ? lacp.inGroup(slot, group) && members.carrying(slot) : members.isActive(slot);
            remaining += carriers[slot] ? 1 : 0;
        }
        if (lacp != null && (lost || regroup) && remaining < settings.minLinks()) {
            return new boolean[count]; // the aggregate goes down
        }
        return carriers;
    }

    void memberAdded(int slot) {
        if (lacp != null) {
            lacp.memberAdded(slot);
            applyGates(slot);
        }
    }

    void memberChanged(int slot) {
        if (lacp != null) {
            lacp.memberChanged(slot);
        }
    }

    void orderChanged() {
        if (lacp != null) {
            lacp.orderChanged();
        }
    }

    /** On the frame path: takes a slow-protocol frame (and returns true), or leaves the frame alone. */
    boolean takeSlowProtocolFrame(int slot, FrameBuffer frame) {
        if (!LacpduCodec.isSlowProtocols(frame.data(), frame.length())) {
            return false;
        }
        if (lacp != null) {
            lacp.received(slot, frame);
        } else {
            counters.slowProtocolIgnored++;
            frame.release();
        }
        return true;
    }

    void transmitReady(int slot) {
        if (lacp != null) {
            lacp.transmitReady(slot);
        }
    }

    static boolean isLacpdu(FrameBuffer frame) {
        return frame.sourcePort() == BondLacp.LACPDU_PORT;
    }

    void close() {
        if (lacp != null) {
            lacp.close();
        }
    }

    private void applyGates(int slot) {
        members.setGates(slot, lacp.distributing(slot), lacp.collecting(slot));
    }

    // --- LacpMembers ------------------------------------------------------------------------------------------------

    @Override
    public int count() {
        return members.count();
    }

    @Override
    public PhysicalNic nic(int slot) {
        return members.nic(slot);
    }

    @Override
    public boolean up(int slot) {
        return members.state(slot) == MemberState.UP;
    }

    @Override
    public int slotAt(int rank) {
        return members.slotAt(rank);
    }

    @Override
    public void gatesChanged() {
        int count = members.count();
        boolean[] left = new boolean[count];
        boolean[] returned = new boolean[count];
        for (int slot = 0; slot < count; slot++) {
            boolean before = members.isActive(slot);
            applyGates(slot);
            boolean now = members.isActive(slot);
            left[slot] = before && !now && up(slot) && members.carrying(slot); // LACP's doing, not the link's
            returned[slot] = !before && now && detached[slot];
            detached[slot] = left[slot] || detached[slot] && !now;
        }
        listener.gatesChanged(left, returned);
    }

    // --- inspection ------------------------------------------------------------------------------------------------

    LacpBondStatus status(String bond) {
        if (lacp != null) {
            return lacp.status();
        }
        List<LacpBondStatus.Member> list = new ArrayList<>();
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            if (members.state(slot) != MemberState.REMOVED) {
                boolean active = members.isActive(slot);
                list.add(new LacpBondStatus.Member(members.nic(slot).name(), null, null, null, up(slot), active,
                        null, null, 0, 0));
            }
        }
        return new LacpBondStatus(bond, settings.modeName(), null, settings.minLinks(), 0,
                settings.aggregates() ? "STATIC" : "OFF", null, (int) list.stream().filter(
                        LacpBondStatus.Member::distributing).count(), list, 0, 0, Map.of(),
                counters.slowProtocolIgnored);
    }
}
