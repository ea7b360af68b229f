package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** Rotates over the active members, frame by frame: the most even spread, at the price of reordering flows. */
final class RoundRobin implements Distributor {

    private final MemberView members;
    private int next;

    RoundRobin(MemberView members) {
        this.members = members;
    }

    @Override
    public LoadDistribution policy() {
        return LoadDistribution.ROUND_ROBIN;
    }

    /** No flow belongs to a member here: a frame the chosen member cannot take now may go to another. */
    @Override
    public boolean spreadsFramesByNature() {
        return true;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        return nextMember(members);
    }

    int nextMember(MemberView view) {
        int count = view.activeCount();
        if (count == 0) {
            return NO_MEMBER;
        }
        if (next >= count) {
            next = 0;
        }
        return view.active(next++);
    }

    @Override
    public void rebuild() {
        next = 0;
    }
}
