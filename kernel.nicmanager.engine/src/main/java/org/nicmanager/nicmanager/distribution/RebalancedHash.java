package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/**
 * A hash policy that follows the load, as Open vSwitch's bonds rebalance: 256 hash buckets, each owned by a member,
 * count the bytes sent through them. Every {@link #INTERVAL_NANOS} the busiest member hands buckets to the lightest
 * while that narrows the gap, and only when the gap is worth it: at least {@link #MIN_GAP_BPS} and
 * {@link #MIN_GAP_PERCENT} % of the busier member's load. A bucket moves whole, so a flow changes member only at a
 * rebalance, never frame by frame (the complaint against per-frame least-loaded: reordering).
 *
 * <p>Between rebalances the per-frame work is a table lookup and one addition. A member that fails hands its buckets to
 * the active members; the others keep theirs, so the flows on healthy members do not move.
 */
final class RebalancedHash implements BondDistributor {

    /** Open vSwitch's default {@code bond-rebalance-interval}. */
    static final long INTERVAL_NANOS = 10_000_000_000L;
    /** Open vSwitch moves load only between members that differ by at least 1 Mb/s ... */
    static final long MIN_GAP_BPS = 1_000_000;
    /** ... and by at least 3 % of the busier one. */
    static final int MIN_GAP_PERCENT = 3;
    private static final int BUCKETS = BucketTable.BUCKETS;
    private static final int NO_OWNER = -1;

    private final HashKey key;
    private final MemberTable members;
    /** Per bucket: the member slot that carries it, or {@link #NO_OWNER} while no member is active. */
    private final int[] owner = new int[BUCKETS];
    /** Per bucket: bytes selected since the last rebalance. */
    private final long[] bytes = new long[BUCKETS];
    /** Per member slot (slots fit a byte, as in {@link BucketTable}): bytes over the last interval. */
    private final long[] load = new long[256];
    private long moves;

    RebalancedHash(HashKey key, MemberTable members) {
        this.key = key;
        this.members = members;
        java.util.Arrays.fill(owner, NO_OWNER);
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        int bucket = (int) key.hash(frame) & (BUCKETS - 1);
        int slot = owner[bucket];
        if (slot != NO_OWNER) {
            bytes[bucket] += frame.lengthBytes();
        }
        return slot == NO_OWNER ? NO_MEMBER : slot;
    }

    /** Buckets of members that left go to the active members, dealt in turn; the others stay where they are. */
    @Override
    public void rebuild() {
        int count = members.activeCount();
        int next = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (count == 0) {
                owner[bucket] = NO_OWNER;
            } else if (owner[bucket] == NO_OWNER || !members.isActive(owner[bucket])) {
                owner[bucket] = members.active(next++ % count);
            }
        }
    }

    @Override
    public long rebalanceIntervalNanos() {
        return INTERVAL_NANOS;
    }

    @Override
    public void rebalance() {
        java.util.Arrays.fill(load, 0);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (owner[bucket] != NO_OWNER) {
                load[owner[bucket]] += bytes[bucket];
            }
        }
        long minGapBytes = MIN_GAP_BPS / 8 * INTERVAL_NANOS / 1_000_000_000L;
        for (int step = 0; step < BUCKETS && members.activeCount() > 1; step++) {
            int busiest = members.active(0);
            int lightest = busiest;
            for (int i = 1; i < members.activeCount(); i++) {
                int slot = members.active(i);
                busiest = load[slot] > load[busiest] ? slot : busiest;
                lightest = load[slot] < load[lightest] ? slot : lightest;
            }
            long gap = load[busiest] - load[lightest];
            if (gap < minGapBytes || gap * 100 < load[busiest] * MIN_GAP_PERCENT) {
                break;
            }
            int bucket = largestBucketBelow(busiest, gap);
            if (bucket < 0) {
                break; // every bucket of the busiest member would only swap the imbalance around
            }
            owner[bucket] = lightest;
            load[busiest] -= bytes[bucket];
            load[lightest] += bytes[bucket];
            moves++;
        }
        java.util.Arrays.fill(bytes, 0);
    }

    /** The busiest member's bucket with the most bytes that still narrows the gap (0 < bytes < gap), or -1. */
    private int largestBucketBelow(int slot, long gap) {
        int best = -1;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (owner[bucket] == slot && bytes[bucket] > 0 && bytes[bucket] < gap
                    && (best < 0 || bytes[bucket] > bytes[best])) {
                best = bucket;
            }
        }
        return best;
    }

    @Override
    public long rebalanceMoves() {
        return moves;
    }

    /** The member that carries a bucket now; for tests. */
    int ownerOf(int bucket) {
        return owner[bucket];
    }
}
