package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/**
 * Keeps every frame of a TCP connection on one member, and places each new connection on the least-loaded member
 * rather than where a static hash would put it, so that a few heavy connections still spread. Sessions live in a
 * fixed open-addressing table keyed by the 5-tuple hash; a session moves only when its member fails. Non-TCP frames
 * are spread by their 5-tuple hash.
 */
final class TcpSession implements BondDistributor {

    /** Table size; a power of two. */
    static final int SESSIONS = 1 << 16;
    /** Slots probed before a new session evicts the oldest one in its window. */
    private static final int PROBES = 8;
    private static final long EMPTY = 0;

    private final MemberTable members;
    private final BucketTable others = new BucketTable();
    private final long[] keys = new long[SESSIONS];
    private final byte[] member = new byte[SESSIONS];
    private final long[] lastUse = new long[SESSIONS];
    private long frames;
    private long evictions;

    TcpSession(MemberTable members) {
        this.members = members;
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        if (frame.protocol() != FrameFacts.PROTOCOL_TCP) {
            return others.memberFor(frame.flowHash());
        }
        long key = frame.flowHash() | 1; // never EMPTY
        frames++;
        int home = (int) key & (SESSIONS - 1);
        int oldest = home;
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (home + probe) & (SESSIONS - 1);
            if (keys[slot] == key) {
                lastUse[slot] = frames;
                int current = member[slot];
                return members.isActive(current) ? current : place(slot, key);
            }
            if (keys[slot] == EMPTY) {
                return place(slot, key);
            }
            if (lastUse[slot] < lastUse[oldest]) {
                oldest = slot;
            }
        }
        evictions++;
        return place(oldest, key);
    }

    private int place(int slot, long key) {
        int chosen = LeastLoaded.leastLoaded(members, NO_MEMBER);
        if (chosen == NO_MEMBER) {
            return NO_MEMBER;
        }
        keys[slot] = key;
        member[slot] = (byte) chosen;
        lastUse[slot] = frames;
        return chosen;
    }

    /** Sessions pushed out of a full probe window; each may move to another member once. */
    long evictions() {
        return evictions;
    }

    @Override
    public void rebuild() {
        // Sessions keep their member while it stays active; failed members' sessions are re-placed on next use.
        others.rebuild(members);
    }
}
