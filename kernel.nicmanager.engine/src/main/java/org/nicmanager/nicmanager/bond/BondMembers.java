package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.nic.PhysicalNic;

/**
 * A bond's members in failover order (patent [0059]-[0061], [0070]): each slot's NIC, its {@link MemberState}, and
 * whether it carries traffic now. The active list is recomputed on control events only, so the distributor's per-frame
 * reads ({@link #activeCount()}, {@link #active(int)}) are array reads.
 */
final class BondMembers implements MemberTable {

    /** Slots are bytes in the distributor's bucket table; a bond this wide is far beyond any real team. */
    static final int MAX_MEMBERS = 32;

    private final PhysicalNic[] nics = new PhysicalNic[MAX_MEMBERS];
    private final MemberState[] states = new MemberState[MAX_MEMBERS];
    /** Carries traffic: UP and not held out by the failback policy (LACP's gate is {@link #distributable}). */
    private final boolean[] carrying = new boolean[MAX_MEMBERS];
    /** Failed over and not yet failed back: a return to service is a failback. */
    private final boolean[] failedOver = new boolean[MAX_MEMBERS];
    /** LACP lets the member distribute (always true without LACP): the gate of IEEE 802.1AX-2014 6.4.15. */
    private final boolean[] distributable = new boolean[MAX_MEMBERS];
    /** LACP lets the member collect (always true without LACP). */
    private final boolean[] collectable = new boolean[MAX_MEMBERS];

    private final int[] activeSlots = new int[MAX_MEMBERS];
    /** Slots in failover order (patent [0070]): the first that carries traffic is the primary. */
    private final int[] order = new int[MAX_MEMBERS];
    /** What each carrying member's MTU lets it carry, recomputed with the active list. */
    private final MemberMtus mtus = new MemberMtus();
    private int count;
    private int activeCount;

    /**
     * Adds a NIC at the end of the failover order and returns its slot. A NIC of the same name that left the bond
     * (removed, or its driver went away) gets its old slot and place back, so its counters carry on.
     */
    int add(PhysicalNic nic) {
        for (int slot = 0; slot < count; slot++) {
            if (states[slot] == MemberState.REMOVED && nics[slot].name().equals(nic.name())) {
                nics[slot] = nic;
                states[slot] = MemberState.of(nic.linkState());
                return slot;
            }
        }
        if (count == MAX_MEMBERS) {
            throw new IllegalArgumentException("a bond holds at most " + MAX_MEMBERS + " NICs; cannot add "
                    + nic.name());
        }
        for (int slot = 0; slot < count; slot++) {
            if (nics[slot] == nic) {
                throw new IllegalArgumentException("NIC " + nic.name() + " is already member " + slot);
            }
        }
        nics[count] = nic;
        states[count] = MemberState.of(nic.linkState());
        order[count] = count;
        distributable[count] = true;
        collectable[count] = true;
        return count++;
    }

    int count() {
        return count;
    }

    PhysicalNic nic(int slot) {
        return nics[slot];
    }

    MemberState state(int slot) {
        return states[slot];
    }

    void setState(int slot, MemberState state) {
        states[slot] = state;
    }

    boolean carrying(int slot) {
        return carrying[slot];
    }

    boolean failedOver(int slot) {
        return failedOver[slot];
    }

    /** What LACP allows the member now; call {@link #recompute()} after. */
    void setGates(int slot, boolean distribute, boolean collect) {
        distributable[slot] = distribute;
        collectable[slot] = collect;
    }

    /** May frames received on the member reach the VMs (LACP's collecting; always without LACP). */
    boolean collecting(int slot) {
        return collectable[slot];
    }

    /** Takes a member out of service; returns true if it was carrying traffic. Call {@link #recompute()} after. */
    boolean stopCarrying(int slot) {
        boolean was = carrying[slot];
        carrying[slot] = false;
        if (was) {
            failedOver[slot] = true;
        }
        return was;
    }

    /** Puts a member back in service at its failover-order place; returns true if it was failed over before. */
    boolean startCarrying(int slot) {
        boolean failback = failedOver[slot];
        carrying[slot] = true;
        failedOver[slot] = false;
        return failback;
    }

    /** True while some member is UP and in service, whatever LACP allows it now. */
    boolean anyInService() {
        for (int slot = 0; slot < count; slot++) {
            if (carrying[slot] && states[slot] == MemberState.UP) {
                return true;
            }
        }
        return false;
    }

    /** The slot at {@code rank} of the failover order. */
    int slotAt(int rank) {
        return order[rank];
    }

    /**
     * Puts these slots first in the failover order, in the order given; the others follow in their current order.
     * Call {@link #recompute()} after.
     */
    void putFirst(int[] slots) {
        int[] next = new int[count];
        int filled = 0;
        for (int slot : slots) {
            next[filled++] = slot;
        }
        for (int rank = 0; rank < count; rank++) {
            int slot = order[rank];
            boolean named = false;
            for (int given : slots) {
                named |= given == slot;
            }
            if (!named) {
                next[filled++] = slot;
            }
        }
        System.arraycopy(next, 0, order, 0, count);
    }

    /** Rebuilds the active list in failover order. */
    void recompute() {
        int active = 0;
        for (int rank = 0; rank < count; rank++) {
            int slot = order[rank];
            if (carrying[slot] && states[slot] == MemberState.UP && distributable[slot]) {
                activeSlots[active++] = slot;
            }
        }
        activeCount = active;
        mtus.recompute(this);
    }

    /** Which carrying members can take a frame of a given size (read on the frame path). */
    MemberMtus mtus() {
        return mtus;
    }

    /** The line rate of every present (not removed) member, whatever its link: bits per second, in slot order. */
    long[] presentRatesBps() {
        long[] rates = new long[count];
        int present = 0;
        for (int slot = 0; slot < count; slot++) {
            if (states[slot] != MemberState.REMOVED) {
                rates[present++] = nics[slot].speedBps();
            }
        }
        return java.util.Arrays.copyOf(rates, present);
    }

    /** The slot of the current member whose NIC has that name, or -1. */
    int presentSlot(String nicName) {
        for (int slot = 0; slot < count; slot++) {
            if (states[slot] != MemberState.REMOVED && nics[slot].name().equals(nicName)) {
                return slot;
            }
        }
        return -1;
    }

    /** The slot of the current member whose NIC has {@code mac}, or -1. */
    int slotWithMac(long mac) {
        for (int slot = 0; slot < count; slot++) {
            if (states[slot] != MemberState.REMOVED && nics[slot].macAddress() == mac) {
                return slot;
            }
        }
        return -1;
    }

    /** True when some member carrying traffic has room on its ring now. */
    boolean anyRoom() {
        for (int i = 0; i < activeCount; i++) {
            if (!nics[activeSlots[i]].transmitRingFull()) {
                return true;
            }
        }
        return false;
    }

    /** The slot whose NIC is {@code nic}, or -1. */
    int slotOf(PhysicalNic nic) {
        for (int slot = 0; slot < count; slot++) {
            if (nics[slot] == nic) {
                return slot;
            }
        }
        return -1;
    }

    // --- MemberTable: what the distributor reads per frame ----------------------------------------------------------

    @Override
    public int activeCount() {
        return activeCount;
    }

    @Override
    public int active(int index) {
        return activeSlots[index];
    }

    @Override
    public boolean isActive(int slot) {
        return slot >= 0 && slot < count && carrying[slot] && states[slot] == MemberState.UP && distributable[slot];
    }

    @Override
    public long pendingBytes(int slot) {
        return nics[slot].pendingBytes();
    }

    @Override
    public long speedBps(int slot) {
        return nics[slot].speedBps();
    }

    /** A snapshot of the NIC's counters: control path only (rebalancing reads it once a second). */
    @Override
    public long txBytes(int slot) {
        return nics[slot].counters().txBytes();
    }

    /** As {@link #txBytes}. */
    @Override
    public long txFrames(int slot) {
        return nics[slot].counters().txFrames();
    }
}
