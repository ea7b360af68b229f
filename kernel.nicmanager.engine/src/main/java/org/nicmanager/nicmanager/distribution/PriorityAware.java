package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * Isolates low-priority VMs on one member and sends high-priority VMs to the least-loaded of the others (patent
 * [0121]). The isolation member is the last active one in failover order; with a single member everything shares it.
 */
final class PriorityAware implements BondDistributor {

    /** VMs with a priority at or below this are "low priority". */
    static final int LOW_PRIORITY_AT_MOST = 3;

    private final MemberTable members;
    private final PortOwners vms;
    private boolean[] lowPriorityPort = new boolean[0];
    private int isolationMember = NO_MEMBER;

    PriorityAware(MemberTable members, PortOwners vms) {
        this.members = members;
        this.vms = vms;
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        int sourcePort = frame.sourcePort();
        if (isolationMember == NO_MEMBER) {
            return NO_MEMBER;
        }
        boolean low = sourcePort >= 0 && sourcePort < lowPriorityPort.length && lowPriorityPort[sourcePort];
        if (low || members.activeCount() == 1) {
            return isolationMember;
        }
        return LeastLoaded.leastLoaded(members, isolationMember);
    }

    /** A VM's frames that its member cannot carry all take one other member: the VM stays pinned. */
    @Override
    public long stickyKey(FrameFacts frame) {
        int sourcePort = frame.sourcePort();
        return sourcePort < 0 ? frame.flowHash() : sourcePort;
    }

    @Override
    public void rebuild() {
        int count = members.activeCount();
        boolean[] low = new boolean[vms.portBound()];
        for (int port = 0; port < low.length; port++) {
            low[port] = vms.vmOfPort(port) >= 0 && vms.priorityOfPort(port) <= LOW_PRIORITY_AT_MOST;
        }
        lowPriorityPort = low;
        isolationMember = count == 0 ? NO_MEMBER : members.active(count - 1);
    }
}
