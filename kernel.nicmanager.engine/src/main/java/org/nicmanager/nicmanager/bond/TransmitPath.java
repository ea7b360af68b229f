package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * A bond's transmit path and its backlog (patent Figure 5, step 812): each frame goes onto the ring of the member the
 * load distribution chose ({@link FramePlacer}), waits in the backlog while that member cannot take it, or is released
 * and counted as dropped with a reason. The bond owns every frame from {@link #transmit} on.
 *
 * <p>What the bond tells the gate in front of it (the resource manager: "members can take frames again", "the members
 * carrying traffic changed") never leaves while a frame is being placed: it is held and told once the placement is
 * over, so that the gate's answer (more frames) never re-enters the placement. A drain asked for during a placement
 * runs as one more turn of the drain loop after it, not nested inside it.
 *
 * <p>Runs on the network world's thread: no locks; the frame path allocates nothing and logs nothing.
 */
final class TransmitPath {

    private final BondMembers members;
    private final FramePlacer placer;
    private final Backlog backlog;
    private final BondCounters counters;
    private FrameFates fates = FrameFates.NONE;
    private Runnable readyListener = () -> { };
    private Runnable carriersListener = () -> { };
    /**
     * True while a frame is being placed ({@link #transmit} or a drain). This guard stays: a member that refuses a
     * frame with LINK_DOWN fails over at once, inside the placement, so that the frame can be placed again on a
     * survivor (zero loss); that failover may return a held-back member and ask for a drain, and the gate hears of the
     * change. Both must wait until the placement is over: a nested drain would place the frame at the backlog's head
     * twice, and frames the gate sent in answer would overtake it and overwrite the placer's parsed headers.
     */
    private boolean placing;
    /** A drain was asked for during a placement: the drain loop turns once more. */
    private boolean drainAsked;
    /** The members carrying traffic changed during a placement: the gate hears of it after. */
    private boolean carriersChangedHeld;

    TransmitPath(BondMembers members, FramePlacer placer, Backlog backlog, BondCounters counters) {
        this.members = members;
        this.placer = placer;
        this.backlog = backlog;
        this.counters = counters;
    }

    /** Told what became of each VM frame: on the wire, or dropped with a reason, so its VM's figures include it. */
    void setFates(FrameFates fates) {
        this.fates = fates;
    }

    /**
     * Called when members can take frames again and the backlog is empty: the resource manager in front releases its
     * queued frames then (patent step 810).
     */
    void setReadyListener(Runnable listener) {
        this.readyListener = listener;
    }

    /** Told when the members carrying traffic, their roles or the capacity may have changed (the gate's capacity). */
    void setCarriersListener(Runnable listener) {
        this.carriersListener = listener;
    }

    /** The members carrying traffic changed: the gate hears of it now, or after the placement under way. */
    void carriersChanged() {
        if (placing) {
            carriersChangedHeld = true;
        } else {
            carriersListener.run();
        }
    }

    /** The bond's load-distribution policy changed. */
    void use(BondDistributor distributor, boolean spreadsByNature) {
        placer.use(distributor, spreadsByNature);
    }

    /** True when a frame handed over now goes onto a ring rather than into the backlog. */
    boolean ready() {
        return backlog.isEmpty() && members.anyRoom();
    }

    /**
     * Sends a frame over the bond ({@link FramePlacer}), or queues it behind older frames while the member its policy
     * chose cannot take it (back-pressure: with frames waiting, {@link #ready()} is false, so the resource manager
     * holds the rest in its per-VM queues). One FIFO keeps every flow's order; its head-of-line wait is short because
     * the resource manager stops handing frames over as soon as one waits. The bond owns the frame from here on,
     * whatever the outcome.
     */
    TransmitOutcome transmit(FrameBuffer frame) {
        counters.offered++;
        if (placing) {
            return enqueue(frame); // cannot happen through the gate, which hears nothing mid-placement; kept in order
        }
        placing = true;
        TransmitOutcome outcome;
        try {
            outcome = place(frame);
        } finally {
            placing = false;
        }
        afterPlacing();
        return outcome;
    }

    private TransmitOutcome place(FrameBuffer frame) {
        if (!backlog.isEmpty()) {
            drainBacklog();
            if (!backlog.isEmpty()) {
                return enqueue(frame); // behind the older frames: a bond keeps its order
            }
        }
        int placed = placer.place(frame);
        if (placed == FramePlacer.SENT) {
            return TransmitOutcome.SENT;
        }
        if (placed == FramePlacer.BUSY) {
            return enqueue(frame);
        }
        drop(frame, placed == FramePlacer.NO_MEMBER ? DropReason.NO_MEMBER_AVAILABLE : placer.refusal());
        return TransmitOutcome.DROPPED;
    }

    private TransmitOutcome enqueue(FrameBuffer frame) {
        if (backlog.offer(frame)) {
            return TransmitOutcome.QUEUED;
        }
        drop(frame, DropReason.QUEUE_FULL);
        return TransmitOutcome.DROPPED;
    }

    private void drop(FrameBuffer frame, DropReason reason) {
        placer.forget(frame); // its buffer goes back to its pool, and may come back as another frame
        counters.drop(reason);
        int port = frame.sourcePort();
        if (port >= 0) {
            fates.dropped(port, reason); // a VM's frame: its figures count the drop too
        }
        frame.release();
    }

    /**
     * Sends what waits in the backlog, oldest first, until no member can take more; once it is empty and a member has
     * room, the ready listener (the resource manager) may hand over more. Asked for during a placement (a failover
     * inside it), it runs when that placement is over.
     */
    void drain() {
        if (placing) {
            drainAsked = true;
            return;
        }
        boolean empty;
        placing = true;
        try {
            do {
                drainAsked = false;
                empty = drainBacklog();
            } while (drainAsked && !empty);
        } finally {
            placing = false;
            drainAsked = false;
        }
        tellCarriersChanged();
        if (empty && members.anyRoom()) {
            readyListener.run();
        }
    }

    /** A placement is over: what it held back happens now, in the order it would have happened within it. */
    private void afterPlacing() {
        if (drainAsked) {
            drain(); // tells a held carriers change first
        } else {
            tellCarriersChanged();
        }
    }

    private void tellCarriersChanged() {
        if (carriersChangedHeld) {
            carriersChangedHeld = false;
            carriersListener.run();
        }
    }

    /** Places backlog frames, oldest first, while members take them; returns true when the backlog is empty after. */
    private boolean drainBacklog() {
        FrameBuffer frame;
        while ((frame = backlog.peek()) != null) {
            int placed = placer.place(frame);
            if (placed == FramePlacer.BUSY) {
                return false;
            }
            backlog.poll();
            if (placed != FramePlacer.SENT) {
                drop(frame, placed == FramePlacer.NO_MEMBER ? DropReason.NO_MEMBER_AVAILABLE : placer.refusal());
            }
        }
        return true;
    }

    /** Frames the policy held while a port moved wait in the backlog: send them now that the move is done. */
    void resumeHeld() {
        if (!backlog.isEmpty()) {
            drain();
        }
    }

    /** Closes a run of returned frames (a member's state changed): the next returned frame goes to the very front. */
    void endReturnRun() {
        backlog.endReturnRun();
    }

    /** A VM frame's last bit left a member: it is delivered, as far as this host can know. */
    void transmitted(FrameBuffer frame) {
        int port = frame.sourcePort();
        if (port >= 0) {
            fates.transmitted(port);
        }
    }

    /**
     * Zero-loss failover: a VM frame the member handed back goes in front of the backlog, resent on the survivors.
     * A card modelled on the world thread hands its ring back before it tells of the link event, whose drain then
     * resends it. A driver with I/O threads of its own (drivers.linux) can only hand it back after, once its transmit
     * thread has heard of the change: the link event's drain is over by then, and the gate in front holds every newer
     * frame while the backlog is not empty, so nothing would ever drain these. Once the last of them is back from a
     * member no longer carrying traffic, they are resent now, oldest first.
     */
    void returned(int slot, FrameBuffer frame) {
        counters.returned(slot, frame.length());
        if (!backlog.insertReturned(frame)) {
            drop(frame, DropReason.QUEUE_FULL);
        }
        if (!members.carrying(slot) && members.nic(slot).pendingFrames() == 0) {
            drain();
        }
    }

    /** The bond goes away: frames waiting in its backlog are dropped (NO_MEMBER_AVAILABLE). */
    void dropBacklog() {
        FrameBuffer frame;
        while ((frame = backlog.poll()) != null) {
            drop(frame, DropReason.NO_MEMBER_AVAILABLE);
        }
    }

    /** Frames waiting in the backlog now. */
    int queuedFrames() {
        return backlog.size();
    }

    /** True when every offered frame is sent, dropped with a reason, or queued. */
    boolean accountedFor() {
        return counters.offered == counters.sentTotal() + counters.droppedTotal() + backlog.size();
    }
}
