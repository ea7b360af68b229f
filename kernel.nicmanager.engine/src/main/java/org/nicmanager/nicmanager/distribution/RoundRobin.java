package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/** Rotates over the active members, frame by frame: the most even spread, at the price of reordering flows. */
final class RoundRobin implements BondDistributor {

    private final MemberTable members;
    private int next;

    RoundRobin(MemberTable members) {
        this.members = members;
    }

    @Override
    public int select(FrameFacts frame) {
        return nextMember(members);
    }

    int nextMember(MemberTable view) {
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
