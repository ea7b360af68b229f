package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.lib.frames.OffloadSettler;
import org.nicmanager.nicmanager.distribution.HeaderFacts;

/**
 * The bond's per-frame work (patent Figure 5, step 812): read the headers once, learn the source MAC, let the
 * distributor choose a member, and hand the frame to its NIC. A member whose ring is full (BUSY, the transient limit
 * of [0065]) applies back-pressure within the policy: the frame waits for that member (in the bond's backlog, and the
 * resource manager's queues behind it), so no flow moves frame by frame and an active-backup bond never spills onto
 * its standby. Only a policy that spreads frames by nature ({@code Spreading.FRAME_BY_FRAME}) offers it to
 * the other active members, in failover order. A member that stays full can be failed over as a whole
 * ({@link BusyWatch}). One that answers LINK_DOWN is reported at once and the choice is made again among the rest. A member whose MTU cannot carry the frame
 * is never offered it while another carrying member's can ({@link MemberMtus}); a frame no carrying member can carry
 * is refused TOO_LONG. No allocation, no locks, no logging.
 */
final class FramePlacer {

    static final int SENT = 0;
    /** The member the policy chose (for a spreading policy: every member) is BUSY; the frame must wait. */
    static final int BUSY = 1;
    static final int NO_MEMBER = 2;
    /** Refused for good; {@link #refusal()} says why. */
    static final int REFUSED = 3;

    /** Told when a member refuses a frame with LINK_DOWN; it must take the member out of the active list. */
    interface LinkLoss {
        void linkDownOnTransmit(int slot);
    }

    private final BondMembers members;
    private BondDistributor distributor;
    private boolean spreadsByNature;
    private final BondCounters counters;
    private final MacsSeen macs;
    private final LinkLoss linkLoss;
    private final BusyWatch busy;
    /** Read in place for every frame; one view reused, and what the policy sees of it. */
    private final HeaderParser headers = new HeaderParser();
    private final HeaderFacts facts = new HeaderFacts(headers);
    /**
     * The frame {@link #headers} were parsed from, while it waits in the backlog after a {@link #BUSY}: placed again,
     * it is not parsed again (headers are parsed once per host pass). {@code null} once it leaves, or is dropped
     * ({@link #forget}), so that a pooled buffer reused for another frame is always parsed.
     */
    private FrameBuffer parsedWaiting;
    private DropReason refusal = DropReason.MALFORMED;

    FramePlacer(BondMembers members, BondDistributor distributor, boolean spreadsByNature, BondCounters counters,
            MacsSeen macs, LinkLoss linkLoss, BusyWatch busy) {
        this.members = members;
        this.distributor = distributor;
        this.spreadsByNature = spreadsByNature;
        this.counters = counters;
        this.macs = macs;
        this.linkLoss = linkLoss;
        this.busy = busy;
    }

    /** The bond's policy changed. */
    void use(BondDistributor next, boolean nextSpreadsByNature) {
        this.distributor = next;
        this.spreadsByNature = nextSpreadsByNature;
    }

    /** Why the last {@link #REFUSED} frame was refused. */
    DropReason refusal() {
        return refusal;
    }

    /** Puts a frame on a member's ring: {@link #SENT}, {@link #BUSY}, {@link #NO_MEMBER} or {@link #REFUSED}. */
    int place(FrameBuffer frame) {
        FrameBuffer waiting = parsedWaiting;
        if (waiting != null) {
            parsedWaiting = null; // stale once another frame is parsed; when it is this frame, its headers are kept
        }
        if (frame != waiting) {
            if (headers.parse(frame) != FrameVerdict.OK) {
                refusal = DropReason.MALFORMED;
                return REFUSED;
            }
            macs.learn(headers.sourceMac(), headers.ipv4Source());
            facts.from(frame.sourcePort());
        }
        int placed = choose(frame);
        if (placed == BUSY) {
            parsedWaiting = frame; // written only then: the common path stores nothing here
        }
        return placed;
    }

    /** The bond let go of a frame it did not place (dropped, or the bond closed): its parsed headers are stale. */
    void forget(FrameBuffer frame) {
        if (frame == parsedWaiting) {
            parsedWaiting = null;
        }
    }

    /** Lets the distributor choose among the members that can carry the frame, whose headers are parsed. */
    private int choose(FrameBuffer frame) {
        int l3Bytes = carriedL3Bytes(frame);
        MemberMtus mtus = members.mtus();
        // Each LINK_DOWN takes a member out, so this loop ends after at most one pass per member.
        for (int attempt = 0; attempt <= members.count(); attempt++) {
            int chosen = distributor.select(facts);
            if (chosen == BondDistributor.NO_MEMBER) {
                return NO_MEMBER;
            }
            if (chosen == BondDistributor.HOLD) {
                return BUSY; // its port is moving: it waits in the backlog until the old member's ring is sent
            }
            if (!mtus.fits(chosen, l3Bytes)) {
                chosen = mtus.fallback(l3Bytes, distributor.stickyKey(facts));
                if (chosen == MemberMtus.NONE) {
                    counters.mtuRefusals++;
                    refusal = DropReason.TOO_LONG;
                    return REFUSED;
                }
                counters.mtuRedirects++;
            }
            TransmitStatus status = offer(chosen, frame);
            if (status == TransmitStatus.BUSY) {
                counters.busyRefusals++;
                busy.refused(chosen);
                if (spreadsByNature) {
                    status = offerToOthers(chosen, frame, l3Bytes);
                }
            }
            switch (status) {
                case ACCEPTED:
                    return SENT;
                case BUSY:
                    return BUSY;
                case TOO_LONG:
                    refusal = DropReason.TOO_LONG;
                    return REFUSED;
                default:
                    break; // LINK_DOWN: that member is out now; choose again among the rest
            }
        }
        return NO_MEMBER;
    }

    /**
     * The largest IP packet the frame puts on the wire: for a super-frame, one segment's (its headers and one segment
     * of payload), which is what a member's MTU must carry once the NIC has cut it.
     */
    private int carriedL3Bytes(FrameBuffer frame) {
        FrameOffload offload = frame.offload();
        if (offload.superFrame() && offload.headerBytes() > headers.l3Offset()) {
            return Math.min(frame.length(), offload.headerBytes() + offload.segmentBytes()) - headers.l3Offset();
        }
        return frame.length() - headers.l3Offset();
    }

    /**
     * A spreading policy's chosen member was BUSY: the others that can carry it, in failover order, for this frame
     * only.
     */
    private TransmitStatus offerToOthers(int chosen, FrameBuffer frame, int l3Bytes) {
        MemberMtus mtus = members.mtus();
        for (int i = 0; i < members.activeCount(); i++) {
            int slot = members.active(i);
            if (slot == chosen || !mtus.fits(slot, l3Bytes)) {
                continue;
            }
            TransmitStatus status = offer(slot, frame);
            if (status == TransmitStatus.ACCEPTED) {
                counters.busyRedirects++;
                return status;
            }
            if (status != TransmitStatus.BUSY) {
                return status;
            }
            counters.busyRefusals++;
            busy.refused(slot);
        }
        return TransmitStatus.BUSY;
    }

    private TransmitStatus offer(int slot, FrameBuffer frame) {
        int lengthBytes = frame.length();
        PhysicalNic nic = members.nic(slot);
        if (!frame.offload().none() && !nic.takesOffloadedFrames() && !OffloadSettler.settle(frame)) {
            return TransmitStatus.TOO_LONG; // a super-frame: only a NIC that cuts segments can send it
        }
        TransmitStatus status = nic.transmit(frame);
        if (status == TransmitStatus.ACCEPTED) {
            counters.sent(slot, lengthBytes);
            busy.tookFrame(slot);
        } else if (status == TransmitStatus.LINK_DOWN) {
            linkLoss.linkDownOnTransmit(slot);
        }
        return status;
    }
}
