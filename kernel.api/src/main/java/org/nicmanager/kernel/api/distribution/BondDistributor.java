package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One bond's distributor, made by its {@link DistributionPolicy}. Everything runs on the network world's thread.
 * {@link #select} runs for every outgoing frame and must be a table lookup or a scan of a handful of members: no
 * allocation, no locks, no logging, no clock. {@link #rebuild()} recomputes the tables on control events.
 */
@ConsumerType
public interface BondDistributor {

    /** Value of {@link #select} when no member can carry the frame. */
    int NO_MEMBER = -1;

    /**
     * Value of {@link #select} for a frame that must wait in the bond's backlog behind nothing but older frames, e.g.
     * while its port moves to another member and the old member's ring drains. The bond places it again after the
     * next {@link #rebalance()}.
     */
    int HOLD = -2;

    /** The slot of the member that carries this frame (an active one), {@link #NO_MEMBER}, or {@link #HOLD}. */
    int select(FrameFacts frame);

    /**
     * What keeps a frame on one member when the member {@link #select} chose cannot carry its size (a bond of mixed
     * MTUs): the same key always gets the same other member. By default the flow hash; a policy that pins VMs or keeps
     * an order says otherwise.
     */
    default long stickyKey(FrameFacts frame) {
        return frame.flowHash();
    }

    /** Recomputes the tables from the members now: a member came, left, failed or recovered, or ports changed. */
    void rebuild();

    /** When {@link #rebalance} should run next, in ns from now, read after each run; 0 never. */
    default long rebalanceIntervalNanos() {
        return 0;
    }

    /** Moves load between members by what the last interval measured (a control event, on a kernel timer). */
    default void rebalance() {
    }

    /** Table entries moved by {@link #rebalance} so far, for {@code bond:show}. */
    default long rebalanceMoves() {
        return 0;
    }
}
