package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** The hash policies: a hash of the chosen header fields picks one of 256 buckets, each mapped to a member. */
final class HashDistributor implements Distributor {

    private final LoadDistribution policy;
    private final HashKey key;
    private final MemberView members;
    private final BucketTable buckets = new BucketTable();

    HashDistributor(LoadDistribution policy, HashKey key, MemberView members) {
        this.policy = policy;
        this.key = key;
        this.members = members;
        rebuild();
    }

    @Override
    public LoadDistribution policy() {
        return policy;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        return buckets.memberFor(key.hash(headers));
    }

    @Override
    public void rebuild() {
        buckets.rebuild(members);
    }
}
