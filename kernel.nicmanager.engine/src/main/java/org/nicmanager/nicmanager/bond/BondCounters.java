package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.DropReason;

/**
 * Where every frame offered to a bond went, so that {@code offered == sent + dropped + queued} holds at every moment
 * (issue 4, zero-loss failover). "Sent" means on a member's transmit ring or beyond; a frame its NIC hands back after
 * a failure is taken off the member's count and queued again. Plain longs, written on the world thread only.
 */
final class BondCounters {

    private static final DropReason[] REASONS = DropReason.values();

    long offered;
    final long[] sentFrames = new long[BondMembers.MAX_MEMBERS];
    final long[] sentBytes = new long[BondMembers.MAX_MEMBERS];
    final long[] receivedFrames = new long[BondMembers.MAX_MEMBERS];
    /** Frames accepted by a member's NIC and handed back when it failed; resent from the backlog. */
    final long[] returnedFrames = new long[BondMembers.MAX_MEMBERS];
    private final long[] dropped = new long[REASONS.length];
    /** Transmits a member refused as BUSY (ring full): the transient limit, rechecked per frame (patent [0065]). */
    long busyRefusals;
    /**
     * Frames a spreading policy (round-robin, least-loaded) sent to another member than it chose, because the chosen
     * one was BUSY; every other policy makes the frame wait for its member instead.
     */
    long busyRedirects;
    /** Frames that went to another member than the distributor chose, because the chosen one's MTU was too small. */
    long mtuRedirects;
    /** Frames refused TOO_LONG because no carrying member's MTU could carry them. */
    long mtuRefusals;
    long failovers;
    long failbacks;
    /** Gratuitous ARPs put on a member's ring, and those that found no ring space or buffer. */
    long notificationsSent;
    long notificationsFailed;
    /** Gratuitous ARPs a failing NIC handed back; not resent. */
    long notificationsAborted;
    /** Slow-protocol frames (LACPDUs and others) that reached a bond not running LACP: never passed to a VM. */
    long slowProtocolIgnored;
    /** Frames received on a member LACP had not enabled for collecting (IEEE 802.1AX-2014 6.4.15). */
    long droppedNotCollecting;
    /** LACPDUs a failing NIC handed back; the LACP machines send newer ones. */
    long lacpdusAborted;

    void sent(int slot, int lengthBytes) {
        sentFrames[slot]++;
        sentBytes[slot] += lengthBytes;
    }

    void returned(int slot, int lengthBytes) {
        sentFrames[slot]--;
        sentBytes[slot] -= lengthBytes;
        returnedFrames[slot]++;
    }

    void drop(DropReason reason) {
        dropped[reason.ordinal()]++;
    }

    long dropped(DropReason reason) {
        return dropped[reason.ordinal()];
    }

    long droppedTotal() {
        long total = 0;
        for (long drops : dropped) {
            total += drops;
        }
        return total;
    }

    long sentTotal() {
        long total = 0;
        for (long frames : sentFrames) {
            total += frames;
        }
        return total;
    }
}
