package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/**
 * Pins each VM to one member, VMs dealt over the members in turn, so that VMs are isolated from one another (patent
 * [0082]). Frames from a port no VM owns are spread by source MAC.
 */
final class PerVm implements Distributor {

    private final MemberView members;
    private final VmDirectory vms;
    private final BucketTable unowned = new BucketTable();
    private int[] memberOfPort = new int[0];

    PerVm(MemberView members, VmDirectory vms) {
        this.members = members;
        this.vms = vms;
        rebuild();
    }

    @Override
    public LoadDistribution policy() {
        return LoadDistribution.PER_VM;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        if (sourcePort >= 0 && sourcePort < memberOfPort.length && memberOfPort[sourcePort] != NO_MEMBER) {
            return memberOfPort[sourcePort];
        }
        return unowned.memberFor(HashKey.L2_SOURCE.hash(headers));
    }

    /** A VM's frames that its member cannot carry all take one other member: the VM stays pinned. */
    @Override
    public long stickyKey(FrameHeaders headers, int sourcePort) {
        return sourcePort < 0 ? headers.flowHash() : sourcePort;
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
