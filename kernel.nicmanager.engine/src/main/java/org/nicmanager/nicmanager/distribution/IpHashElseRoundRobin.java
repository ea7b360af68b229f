package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/** IP frames by a hash of their addresses (patent [0069]), everything else round-robin. */
final class IpHashElseRoundRobin implements BondDistributor {

    private final MemberTable members;
    private final BucketTable buckets = new BucketTable();
    private final RoundRobin others;

    IpHashElseRoundRobin(MemberTable members) {
        this.members = members;
        this.others = new RoundRobin(members);
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        return frame.ipVersion() != 0 ? buckets.memberFor(HashKey.L3.hash(frame)) : others.select(frame);
    }

    @Override
    public void rebuild() {
        buckets.rebuild(members);
        others.rebuild();
    }
}
