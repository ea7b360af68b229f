package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/**
 * One bond's load-distribution policy (patent step 812). {@link #select} runs for every outgoing frame and must be a
 * table lookup or a scan of a handful of members: no allocation, no locks. {@link #rebuild()} recomputes the tables on
 * control events (members change, VMs change, rebalancing ticks).
 */
public interface Distributor {

    /** Value of {@link #select} when no member can carry the frame. */
    int NO_MEMBER = -1;

    /**
     * Value of {@link #select} for a frame that must wait a moment, in the bond's backlog behind nothing but older
     * frames: its port is moving to another member, and the frames it left on the old member's ring must reach the
     * wire first, so that none is overtaken ({@code load-based}). The bond places it again when the policy's next
     * {@link #rebalance} has ended the wait.
     */
    int HOLD = -2;

    LoadDistribution policy();

    /**
     * The slot of the member that carries this frame, {@link #NO_MEMBER}, or {@link #HOLD}.
     *
     * @param headers the frame's parsed headers
     * @param sourcePort the virtual NIC the frame came from, or {@link org.nicmanager.kernel.api.frame.FrameBuffer#NO_PORT}
     */
    int select(FrameHeaders headers, int sourcePort);

    /**
     * What keeps a frame on one member when the one {@link #select} chose cannot carry its size and another carrying
     * member must (a bond of mixed MTUs): the same key always gets the same such member, so a flow's large frames are
     * never spread frame by frame. By default the flow hash; a policy that pins VMs or keeps an order says otherwise.
     */
    default long stickyKey(FrameHeaders headers, int sourcePort) {
        return headers.flowHash();
    }

    /**
     * True for a policy that spreads frames over the members by nature (round-robin, least-loaded): it promises no
     * member to any flow, so a frame whose chosen member's ring is full may go to another member. Every other policy
     * keeps a flow (or a VM, or all traffic) on one member, and a full ring makes the frame wait for that member rather
     * than overtake its flow's older frames on another (issue 18: back-pressure within the policy).
     */
    default boolean spreadsFramesByNature() {
        return false;
    }

    /** Recomputes tables from the current members (and VMs). */
    void rebuild();

    /**
     * When {@link #rebalance} should run next, in ns from now, read after each run; 0 for a policy that does not
     * rebalance.
     */
    default long rebalanceIntervalNanos() {
        return 0;
    }

    /** Moves load between members by what the last interval measured (a control event). */
    default void rebalance() {
    }

    /** Table entries moved by {@link #rebalance} so far. */
    default long rebalanceMoves() {
        return 0;
    }
}
