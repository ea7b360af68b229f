package com.example.speedweighted;

import java.util.Arrays;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/**
 * One bond's table of {@link #BUCKETS} flow-hash buckets, each owned by an active member; each member owns a share of
 * the buckets in proportion to its line rate (largest remainders, ties to the earlier member in failover order). The
 * per-frame work is one masked array read: no allocation, no lock.
 *
 * <p>{@link #rebuild()} (a control event) keeps every bucket whose member is still active and within its new share,
 * and deals the others out to the members below their share, in failover order. A failure only raises the survivors'
 * shares, so only the failed member's buckets move and every other flow keeps its member; a returning member takes
 * buckets from those above their new share.
 */
final class SpeedWeightedBuckets implements BondDistributor {

    /** Enough buckets that a 10:1 speed ratio is kept within 1 % (931 to 93); a power of two, for the mask. */
    static final int BUCKETS = 1024;
    private static final int NO_OWNER = -1;

    private final MemberTable members;
    /** Per bucket: the member slot that carries it, or {@link #NO_OWNER} while no member is active. */
    private final int[] owner = new int[BUCKETS];
    /** Per slot, rebuilt on control events only: the buckets it should own and those it owns. */
    private final int[] share = new int[MemberTable.MAX_SLOTS];
    private final int[] owned = new int[MemberTable.MAX_SLOTS];
    private final long[] remainder = new long[MemberTable.MAX_SLOTS];
    private boolean empty = true;

    SpeedWeightedBuckets(MemberTable members) {
        this.members = members;
        Arrays.fill(owner, NO_OWNER);
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        return empty ? NO_MEMBER : owner[(int) frame.flowHash() & (BUCKETS - 1)];
    }

    @Override
    public void rebuild() {
        int count = members.activeCount();
        empty = count == 0;
        if (empty) {
            Arrays.fill(owner, NO_OWNER);
            return;
        }
        computeShares(count);
        Arrays.fill(owned, 0);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int slot = owner[bucket];
            if (slot != NO_OWNER && members.isActive(slot) && owned[slot] < share[slot]) {
                owned[slot]++; // stays: its flows keep their member
            } else {
                owner[bucket] = NO_OWNER;
            }
        }
        int next = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            if (owner[bucket] != NO_OWNER) {
                continue;
            }
            for (int tried = 0; tried < count; tried++, next++) { // the shares sum to BUCKETS: one has room
                int slot = members.active(next % count);
                if (owned[slot] < share[slot]) {
                    owner[bucket] = slot;
                    owned[slot]++;
                    next++;
                    break;
                }
            }
        }
    }

    /** Shares of the buckets in proportion to line rate, by largest remainders (one extra bucket a member at most). */
    private void computeShares(int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += speedOf(members.active(i));
        }
        int dealt = 0;
        for (int i = 0; i < count; i++) {
            int slot = members.active(i);
            long exact = speedOf(slot) * BUCKETS;
            share[slot] = (int) (exact / total);
            remainder[slot] = exact % total;
            dealt += share[slot];
        }
        while (dealt < BUCKETS) {
            int best = members.active(0);
            for (int i = 1; i < count; i++) {
                int slot = members.active(i);
                if (remainder[slot] > remainder[best]) {
                    best = slot;
                }
            }
            share[best]++;
            remainder[best] = -1; // one extra bucket each, at most
            dealt++;
        }
    }

    /** A member that reports no speed still carries a little: 1 b/s. */
    private long speedOf(int slot) {
        return Math.max(1, members.speedBps(slot));
    }

    /** Buckets the member in that slot owns now; for tests and people. */
    int bucketsOf(int slot) {
        int buckets = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            buckets += owner[bucket] == slot ? 1 : 0;
        }
        return buckets;
    }
}
