package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** Sends each frame to the active member with the fewest pending bytes (patent [0068]); ties go to the earlier one. */
final class LeastLoaded implements Distributor {

    private final MemberView members;

    LeastLoaded(MemberView members) {
        this.members = members;
    }

    @Override
    public LoadDistribution policy() {
        return LoadDistribution.LEAST_LOADED;
    }

    /** No flow belongs to a member here: a frame the chosen member cannot take now may go to another. */
    @Override
    public boolean spreadsFramesByNature() {
        return true;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        return leastLoaded(members, NO_MEMBER);
    }

    /** The least-loaded active member other than {@code excluded} (or {@link #NO_MEMBER} to exclude none). */
    static int leastLoaded(MemberView members, int excluded) {
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
