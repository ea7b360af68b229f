package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;

/** Active-backup: everything on the first active member in failover order; the rest stand by. */
final class FailoverOrder implements BondDistributor {

    private final MemberTable members;

    FailoverOrder(MemberTable members) {
        this.members = members;
    }

    @Override
    public int select(FrameFacts frame) {
        return members.activeCount() == 0 ? NO_MEMBER : members.active(0);
    }

    /** Active-backup stays so: a frame the primary cannot carry takes the first member in failover order that can. */
    @Override
    public long stickyKey(FrameFacts frame) {
        return 0;
    }

    @Override
    public void rebuild() {
        // The view is already in failover order.
    }
}
