package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** IP frames by a hash of their addresses (patent [0069]), everything else round-robin. */
final class IpHashElseRoundRobin implements Distributor {

    private final MemberView members;
    private final BucketTable buckets = new BucketTable();
    private final RoundRobin others;

    IpHashElseRoundRobin(MemberView members) {
        this.members = members;
        this.others = new RoundRobin(members);
        rebuild();
    }

    @Override
    public LoadDistribution policy() {
        return LoadDistribution.IP_HASH_ELSE_RR;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        return headers.ipVersion() != 0 ? buckets.memberFor(HashKey.L3.hash(headers)) : others.select(headers,
                sourcePort);
    }

    @Override
    public void rebuild() {
        buckets.rebuild(members);
        others.rebuild();
    }
}
