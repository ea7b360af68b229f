package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.MemberTable;

/**
 * Open vSwitch's bond model: 256 hash buckets, each mapped to an active member, so that the per-frame work is
 * {@code table[hash & 255]}. Rebuilt on member changes by dealing buckets round-robin over the active members, which
 * keeps the spread even (within one bucket) and deterministic.
 */
final class BucketTable {

    static final int BUCKETS = 256;

    private final byte[] member = new byte[BUCKETS];
    private boolean empty = true;

    void rebuild(MemberTable members) {
        int count = members.activeCount();
        empty = count == 0;
        for (int bucket = 0; bucket < BUCKETS && !empty; bucket++) {
            member[bucket] = (byte) members.active(bucket % count);
        }
    }

    /** The member slot for a hash, or {@link BondDistributor#NO_MEMBER}. */
    int memberFor(long hash) {
        return empty ? BondDistributor.NO_MEMBER : member[(int) hash & (BUCKETS - 1)];
    }
}
