package org.nicmanager.nicmanager.bond;

/**
 * Which carrying members can take a frame of a given size. Linux bonding forces one MTU on every slave and a vSphere
 * team carries its vSwitch's MTU, so neither ever hands a frame to an uplink that cannot carry it; a bond here may mix
 * an e100 (MTU 1500) with an e1000 (MTU 9000), and then a frame that the policy's member cannot carry goes to a member
 * that can, instead of being lost on the small one.
 *
 * <p>Recomputed with the active list on control events: the distinct MTUs of the carrying members are "classes", and
 * each class lists, in failover order, the carrying members whose MTU reaches it. The frame path reads these arrays
 * only: no allocation, no locks. Sizes are L3 bytes (the frame less its Ethernet header and VLAN tags), as a NIC checks
 * its MTU.
 */
final class MemberMtus {

    /** The answer of {@link #fallback} when no carrying member's MTU reaches the frame's size. */
    static final int NONE = -1;

    private final int[] mtuOfSlot = new int[BondMembers.MAX_MEMBERS];
    /** Distinct MTUs of the carrying members, ascending. */
    private final int[] classMtu = new int[BondMembers.MAX_MEMBERS];
    /** Per class: the carrying members whose MTU is at least the class's, in failover order. */
    private final int[][] classMembers = new int[BondMembers.MAX_MEMBERS][BondMembers.MAX_MEMBERS];
    private final int[] classCount = new int[BondMembers.MAX_MEMBERS];
    private int classes;

    /** Reads every member's MTU and rebuilds the classes from the active list (in failover order). */
    void recompute(BondMembers members) {
        for (int slot = 0; slot < members.count(); slot++) {
            mtuOfSlot[slot] = members.nic(slot).mtuBytes();
        }
        classes = 0;
        for (int i = 0; i < members.activeCount(); i++) {
            int mtu = mtuOfSlot[members.active(i)];
            int at = 0;
            while (at < classes && classMtu[at] < mtu) {
                at++;
            }
            if (at < classes && classMtu[at] == mtu) {
                continue;
            }
            System.arraycopy(classMtu, at, classMtu, at + 1, classes - at);
            classMtu[at] = mtu;
            classes++;
        }
        for (int c = 0; c < classes; c++) {
            int count = 0;
            for (int i = 0; i < members.activeCount(); i++) {
                int slot = members.active(i);
                if (mtuOfSlot[slot] >= classMtu[c]) {
                    classMembers[c][count++] = slot;
                }
            }
            classCount[c] = count;
        }
    }

    /** True when the member's MTU carries a frame of {@code l3Bytes}. */
    boolean fits(int slot, int l3Bytes) {
        return l3Bytes <= mtuOfSlot[slot];
    }

    /**
     * A carrying member whose MTU carries {@code l3Bytes}, chosen by {@code key} among those of the smallest class that
     * does, so that the same key (a flow, a VM) always gets the same member while the members stay; {@link #NONE} when
     * no carrying member can carry it.
     */
    int fallback(int l3Bytes, long key) {
        for (int c = 0; c < classes; c++) {
            if (classMtu[c] >= l3Bytes) {
                int[] candidates = classMembers[c];
                return candidates[(int) ((key & Long.MAX_VALUE) % classCount[c])];
            }
        }
        return NONE;
    }

    /** The largest MTU of a carrying member, or 0 when none carries traffic. */
    int largestCarryingMtu() {
        return classes == 0 ? 0 : classMtu[classes - 1];
    }

    int mtu(int slot) {
        return mtuOfSlot[slot];
    }
}
