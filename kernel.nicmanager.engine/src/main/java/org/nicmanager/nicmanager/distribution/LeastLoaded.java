package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/** Sends each frame to the active member with the fewest pending bytes (patent [0068]); ties go to the earlier one. */
final class LeastLoaded implements BondDistributor {

    private final MemberTable members;

    LeastLoaded(MemberTable members) {
        this.members = members;
    }

    @Override
    public int select(FrameFacts frame) {
        return leastLoaded(members, NO_MEMBER);
    }

    /** The least-loaded active member other than {@code excluded} (or {@link #NO_MEMBER} to exclude none). */
    static int leastLoaded(MemberTable members, int excluded) {
        int best = NO_MEMBER;
        long bestPending = Long.MAX_VALUE;
        for (int i = 0, count = members.activeCount(); i < count; i++) {
            int slot = members.active(i);
            long pending = members.pendingBytes(slot);
            if (slot != excluded && pending < bestPending) {
                best = slot;
                bestPending = pending;
            }
        }
        return best;
    }

    @Override
    public void rebuild() {
        // Nothing precomputed: the load is read live.
    }
}
