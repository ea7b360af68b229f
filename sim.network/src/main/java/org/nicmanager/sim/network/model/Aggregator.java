package org.nicmanager.sim.network.model;

/**
 * A switch's logical port over several links (IEEE 802.1AX-2014 6.2, the Aggregator): MACs are learned on its
 * {@link #id}, and each frame for it leaves by one distributing link, chosen by the frame's flow hash so that a flow
 * keeps its order (6.2.4: a conversation uses one link). Membership changes on control events only; the frame path
 * reads {@link #select}, an array index.
 */
final class Aggregator {

    /** Its logical port number: above every physical port number. */
    final int id;
    /** What formed it: a static group's name, or the LAG identifier LACP agreed on. */
    final String label;
    /** True for a static group (no LACP): every member with a link distributes. */
    final boolean isStatic;
    private final int[] members;
    private int memberCount;
    private final int[] distributing;
    private int distributingCount;

    Aggregator(int id, String label, boolean isStatic, int maxPorts) {
        this.id = id;
        this.label = label;
        this.isStatic = isStatic;
        this.members = new int[maxPorts];
        this.distributing = new int[maxPorts];
    }

    void add(int port) {
        for (int i = 0; i < memberCount; i++) {
            if (members[i] == port) {
                return;
            }
        }
        members[memberCount++] = port;
        java.util.Arrays.sort(members, 0, memberCount);
    }

    void remove(int port) {
        for (int i = 0; i < memberCount; i++) {
            if (members[i] == port) {
                System.arraycopy(members, i + 1, members, i, memberCount - i - 1);
                memberCount--;
                return;
            }
        }
    }

    int memberCount() {
        return memberCount;
    }

    int member(int index) {
        return members[index];
    }

    /** Re-reads which members may carry frames now (link up and distributing). */
    void recompute(SimSwitch owner) {
        int count = 0;
        for (int i = 0; i < memberCount; i++) {
            SwitchPort port = owner.port(members[i]);
            if (port != null && port.up() && port.distributing) {
                distributing[count++] = members[i];
            }
        }
        distributingCount = count;
    }

    int distributingCount() {
        return distributingCount;
    }

    /** True when any member has a link: the aggregator's MAC entries still lead somewhere. */
    boolean anyUp(SimSwitch owner) {
        for (int i = 0; i < memberCount; i++) {
            SwitchPort port = owner.port(members[i]);
            if (port != null && port.up()) {
                return true;
            }
        }
        return false;
    }

    /** The link that carries frames of this flow hash, or -1 when none distributes. */
    int select(long flowHash) {
        if (distributingCount == 0) {
            return -1;
        }
        return distributing[(int) Long.remainderUnsigned(flowHash, distributingCount)];
    }
}
