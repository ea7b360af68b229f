package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/** The hash policies: a hash of the chosen header fields picks one of 256 buckets, each mapped to a member. */
final class HashDistributor implements BondDistributor {

    private final HashKey key;
    private final MemberTable members;
    private final BucketTable buckets = new BucketTable();

    HashDistributor(HashKey key, MemberTable members) {
        this.key = key;
        this.members = members;
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        return buckets.memberFor(key.hash(frame));
    }

    @Override
    public void rebuild() {
        buckets.rebuild(members);
    }
}
