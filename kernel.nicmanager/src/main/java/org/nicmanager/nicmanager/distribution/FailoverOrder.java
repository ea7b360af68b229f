package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** Active-backup: everything on the first active member in failover order; the rest stand by. */
final class FailoverOrder implements Distributor {

    private final MemberView members;

    FailoverOrder(MemberView members) {
        this.members = members;
    }

    @Override
    public LoadDistribution policy() {
        return LoadDistribution.FAILOVER_ORDER;
    }

    @Override
    public int select(FrameHeaders headers, int sourcePort) {
        return members.activeCount() == 0 ? NO_MEMBER : members.active(0);
    }

    /** Active-backup stays so: a frame the primary cannot carry takes the first member in failover order that can. */
    @Override
    public long stickyKey(FrameHeaders headers, int sourcePort) {
        return 0;
    }

    @Override
    public void rebuild() {
        // The view is already in failover order.
    }
}
