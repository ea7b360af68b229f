package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * Pins each VM to one member, VMs dealt over the members in turn, so that VMs are isolated from one another (patent
 * [0082]). Frames from a port no VM owns are spread by source MAC.
 */
final class PerVm implements BondDistributor {

    private final MemberTable members;
    private final PortOwners vms;
    private final BucketTable unowned = new BucketTable();
    private int[] memberOfPort = new int[0];

    PerVm(MemberTable members, PortOwners vms) {
        this.members = members;
        this.vms = vms;
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        int sourcePort = frame.sourcePort();
        if (sourcePort >= 0 && sourcePort < memberOfPort.length && memberOfPort[sourcePort] != NO_MEMBER) {
            return memberOfPort[sourcePort];
        }
        return unowned.memberFor(HashKey.L2_SOURCE.hash(frame));
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
        int[] table = new int[vms.portBound()];
        Arrays.fill(table, NO_MEMBER);
        for (int port = 0; port < table.length && count > 0; port++) {
            int vm = vms.vmOfPort(port);
            if (vm >= 0) {
                table[port] = members.active(vm % count);
            }
        }
        memberOfPort = table; // published by reference swap
        unowned.rebuild(members);
    }
}
