package org.nicmanager.nicmanager.bond;

import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.nicmanager.distribution.VmDirectory;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;

/**
 * One team of physical NICs (patent [0059]-[0071], [0101]-[0104]): spreads outgoing frames over its members with its
 * load-distribution policy, fails over at the link event, fails back as configured, and accounts for every frame.
 *
 * <p>The bond owns each frame from {@link #transmit} on: it is on a member's ring, in the bond's backlog, or released
 * and counted as dropped with a reason. Everything runs on the network world's thread: no locks; the frame path
 * allocates nothing and logs nothing. Control events (link changes, removal, failback) rebuild the distributor's
 * tables; the frame path only reads them (DESIGN.md section 5).
 *
 * <p>With link aggregation ({@link BondAggregation}) the members are one link towards the switch: statically, or as
 * LACP negotiates, which opens and closes each member's gates on control events like any link change.
 */
public final class Bond {

    private static final int NOTIFICATION_BUFFERS = 256;

    private final String name;
    private final KernelScheduler scheduler;
    /** Fixed at creation but for failover-on-busy, which {@link #setFailoverOnBusyNanos} changes live. */
    private BondSettings settings;
    private final BondMembers members = new BondMembers();
    private final LoadSpreading spreading;
    private final Backlog backlog;
    private final BondCounters counters = new BondCounters();
    private final MacsSeen macs = new MacsSeen();
    private final SwitchNotifier notifier;
    private final FailbackPolicy failback;
    private final LinkRechecker rechecker;
    private final FailoverHistory history = new FailoverHistory();
    private final FramePlacer placer;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private final CarrierDelayer carrierDelays;
    private final BusyWatch busyWatch;
    private final MemberRoles roles;
    private InboundFrames inbound;
    private BondObserver observer = BondObserver.NONE;
    private FrameFates fates = FrameFates.NONE;
    private Runnable readyListener = () -> { };
    private boolean draining;

    /** Where frames the members receive go; inbound routing is another component's job. */
    @FunctionalInterface
    public interface InboundFrames {
        /** Ownership of {@code frame} passes to the receiver. */
        void received(int slot, FrameBuffer frame);
    }

    /**
     * @param vms the VM directory of the kernel-integrated NIC manager, or {@code null} (loadable variant)
     * @throws IllegalArgumentException for a VM-aware policy without a VM directory, naming the policies allowed
     */
    public Bond(String name, LoadDistribution policy, VmDirectory vms, KernelScheduler scheduler,
            BondSettings settings) {
        this.name = name;
        this.scheduler = scheduler;
        this.settings = settings;
        this.spreading = new LoadSpreading(name, policy, members, vms, scheduler, settings.loadBased(),
                this::portMoved, this::resumeHeld);
        this.backlog = new Backlog(settings.backlogFrames());
        this.notifier = new SwitchNotifier(NOTIFICATION_BUFFERS, counters);
        this.failback = new FailbackPolicy(scheduler, settings.failback(), settings.failbackHoldDownNanos(),
                this::holdDownOver);
        this.rechecker = new LinkRechecker(scheduler, settings.downRecheckNanos(), settings.failedRecheckNanos(),
                this::carrierEvent);
        this.busyWatch = new BusyWatch(scheduler, members, settings.failoverOnBusyNanos(), new BusyWatch.Verdicts() {
            @Override
            public boolean busyTooLong(int slot) {
                return failOverBusy(slot);
            }

            @Override
            public void busyOver(int slot) {
                busyEnded(slot);
            }
        });
        this.placer = new FramePlacer(members, spreading.distributor(), counters, macs, this::linkDownOnTransmit,
                busyWatch);
        this.aggregation = new BondAggregation(name, settings.lacp(), scheduler, members, counters,
                this::lacpGatesChanged);
        this.monitor = new ArpMonitor(name, settings.arpMonitor(), scheduler, members, this::reachabilityChanged,
                this::activeForArp);
        this.carrierDelays = new CarrierDelayer(scheduler, settings.carrierDelays(), members, this::linkEvent);
        this.roles = new MemberRoles(members, aggregation, failback);
        roles.recompute(policy);
    }

    public String name() {
        return name;
    }

    public LoadDistribution policy() {
        return spreading.policy();
    }

    public BondSettings settings() {
        return settings;
    }

    /** Frames received by members go here; without a receiver they are counted and released. */
    public void setInbound(InboundFrames receiver) {
        this.inbound = receiver;
    }

    public void setObserver(BondObserver observer) {
        this.observer = observer;
    }

    /** Told what became of each VM frame: on the wire, or dropped with a reason, so its VM's figures include it. */
    public void setFates(FrameFates fates) {
        this.fates = fates;
    }

    /**
     * Called when members can take frames again and the bond's own backlog is empty: the resource manager in front
     * releases its queued frames then (patent step 810).
     */
    public void setReadyListener(Runnable listener) {
        this.readyListener = listener;
    }

    /**
     * Changes the load-distribution policy now; a refused policy changes nothing. The members' roles, and so the
     * capacity, follow the policy: the observer hears of it.
     */
    public void setPolicy(LoadDistribution policy) {
        placer.use(spreading.use(policy));
        rebuild();
        observer.carriersChanged(this);
        resumeHeld(); // frames the old policy held (a load-based port in the middle of a move) go by the new one
    }

    /**
     * Puts these members first in the failover order ([0070]), in the order given; the others follow as before.
     *
     * @throws IllegalArgumentException for a slot named twice or unknown
     */
    public void putFirst(int[] slots) {
        for (int i = 0; i < slots.length; i++) {
            checkSlot(slots[i]);
            for (int j = 0; j < i; j++) {
                if (slots[j] == slots[i]) {
                    throw new IllegalArgumentException(members.nic(slots[i]).name() + " is named twice");
                }
            }
        }
        members.putFirst(slots);
        aggregation.orderChanged();
        rebuild();
        observer.carriersChanged(this);
    }

    /** True when a frame handed over now goes onto a ring rather than into the backlog. */
    public boolean ready() {
        return backlog.isEmpty() && members.anyRoom();
    }

    /**
     * What the policy carries, in bits per second ([0116]): the line rate of the ACTIVE members now, or, with NICs
     * named, what it would carry if they failed ({@link MemberRoles#capacityBps}).
     */
    public long capacityBps(java.util.Collection<String> without) {
        return roles.capacityBps(without);
    }

    /**
     * What the bond can carry by its policy with every member up and, with LACP, selected, in bits per second:
     * reservations are admitted against it, whatever the links and LACP are doing now ({@link AdmissibleCapacity}).
     */
    public long admissibleCapacityBps() {
        return AdmissibleCapacity.of(members.presentRatesBps(), spreading.policy(), aggregation.settings());
    }

    /** The slot of the present (not removed) member whose NIC has that name, or -1. */
    public int presentSlot(String nicName) {
        return members.presentSlot(nicName);
    }

    /** The slot of the member whose NIC has that MAC (a frame for the host itself), or -1. */
    public int memberWithMac(long mac) {
        return members.slotWithMac(mac);
    }

    /** The bond goes away: frames waiting in its backlog are dropped (NO_MEMBER_AVAILABLE); its NICs are let go. */
    public void close() {
        aggregation.close();
        monitor.close();
        busyWatch.close();
        spreading.close();
        FrameBuffer frame;
        while ((frame = backlog.poll()) != null) {
            drop(frame, DropReason.NO_MEMBER_AVAILABLE);
        }
        for (int slot = 0; slot < members.count(); slot++) {
            if (members.state(slot) != MemberState.REMOVED) {
                members.setState(slot, MemberState.REMOVED);
                members.stopCarrying(slot);
                members.nic(slot).attach(null);
                members.nic(slot).setPromiscuous(false);
            }
            failback.linkDown(slot);
            rechecker.stateIs(slot, MemberState.REMOVED);
            carrierDelays.cancel(slot);
            notifier.cancel(slot);
        }
        members.recompute();
        roles.recompute(spreading.policy());
    }

    /**
     * Broadcast and multicast frames are accepted from one member only, the first active one, so that a frame the
     * switch floods to every member reaches the VMs once ([0064]).
     */
    public boolean acceptsGroupFrames(int slot) {
        if (aggregation.aggregated()) {
            return members.collecting(slot); // the switch sends a group frame down one link of the aggregate
        }
        return members.activeCount() > 0 && members.active(0) == slot;
    }

    /**
     * True when the members are one link towards the switch (static or LACP aggregation), so the switch may send a
     * frame for any member's MAC down any member.
     */
    public boolean aggregated() {
        return aggregation.aggregated();
    }

    // --- membership (patent [0059]-[0061]) -------------------------------------------------------------------------

    /**
     * Adds a NIC at the end of the failover order, listens to it and makes it promiscuous ([0063]). A NIC that is UP
     * carries traffic at once. Returns its slot.
     */
    public int addMember(PhysicalNic nic) {
        int slot = members.add(nic);
        aggregation.memberAdded(slot); // an LACP member carries nothing until it negotiates
        monitor.memberAdded(slot);
        busyWatch.memberAdded(name, slot, nic.name());
        failback.memberAdded(name, slot, nic.name());
        rechecker.memberAdded(name, slot, nic);
        carrierDelays.memberAdded(name, slot, nic);
        nic.attach(new MemberListener(slot));
        nic.setPromiscuous(true);
        if (members.state(slot) == MemberState.UP) {
            members.startCarrying(slot);
        }
        rechecker.stateIs(slot, members.state(slot));
        rebuild();
        observer.carriersChanged(this);
        drain();
        return slot;
    }

    /** The operator takes a member out: fail over from it and let go of the NIC, which stays on the host. */
    public void removeMember(int slot) {
        retire(slot);
        PhysicalNic nic = members.nic(slot);
        nic.attach(null);
        nic.setPromiscuous(false);
    }

    /**
     * The member's driver went away (patent step 752, in reverse): fail over from it at once. The bond stays the NIC's
     * listener, so that the frames still on its ring come back through {@link NicListener#transmitAborted} when the
     * driver tears the NIC down, and are resent on the survivors.
     */
    public void memberVanished(int slot) {
        retire(slot);
    }

    private void retire(int slot) {
        checkSlot(slot);
        if (members.state(slot) == MemberState.REMOVED) {
            throw new IllegalArgumentException("member " + slot + " of bond " + name + " was already removed");
        }
        backlog.endReturnRun();
        members.setState(slot, MemberState.REMOVED);
        carrierDelays.cancel(slot);
        failover(slot, FailoverReason.REMOVED, true);
        aggregation.memberChanged(slot);
        drain();
    }

    /**
     * Puts a recovered member back in service now (MANUAL failback, patent [0104]); any mode may use it to end a
     * hold-down early. Returns false when the member already carries traffic.
     *
     * @throws IllegalArgumentException when the slot is unknown or its link is not UP, naming its state
     */
    public boolean failback(int slot) {
        checkSlot(slot);
        if (members.state(slot) != MemberState.UP) {
            throw new IllegalArgumentException("cannot fail back member " + slot + " (" + members.nic(slot).name()
                    + ") of bond " + name + ": its state is " + members.state(slot) + ", and only an UP member can"
                    + " carry traffic");
        }
        if (members.carrying(slot)) {
            return false;
        }
        failback.linkDown(slot); // ends any hold-down
        returnToService(slot);
        return true;
    }

    // --- the frame path (patent Figure 5, step 812) --------------------------------------------------------------

    /**
     * Sends a frame over the bond ({@link FramePlacer}), or queues it behind older frames while the member its policy
     * chose cannot take it (back-pressure: with frames waiting, {@link #ready()} is false, so the resource manager
     * holds the rest in its per-VM queues). One FIFO keeps every flow's order; its head-of-line wait is short because
     * the resource manager stops handing frames over as soon as one waits. The bond owns the frame from here on,
     * whatever the outcome.
     */
    public TransmitOutcome transmit(FrameBuffer frame) {
        counters.offered++;
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
        counters.drop(reason);
        int port = frame.sourcePort();
        if (port >= 0) {
            fates.dropped(port, reason); // a VM's frame: its figures count the drop too
        }
        frame.release();
    }

    /** A member refused a frame with LINK_DOWN before its link event reached us: act now, at the first sign. */
    private void linkDownOnTransmit(int slot) {
        LinkState actual = members.nic(slot).linkState();
        if (settings.carrierDelays().downNanos() > 0 && actual != LinkState.FAILED
                && members.state(slot) == MemberState.UP) {
            carrierDelays.carrierChanged(slot, LinkState.DOWN);
            if (carrierDelays.downDelayRunning(slot)) {
                return; // the down-delay keeps it in service, as Linux does: the frame it refused is lost
            }
        }
        MemberState now = MemberState.of(actual);
        members.setState(slot, now == MemberState.UP ? MemberState.DOWN : now);
        failover(slot, FailoverReason.TRANSMIT_LINK_DOWN, false);
        aggregation.memberChanged(slot);
    }

    /**
     * Sends what waits in the backlog, oldest first, until no member can take more; once it is empty and a member has
     * room, the ready listener (the resource manager) may hand over more.
     */
    private void drain() {
        if (drainBacklog() && members.anyRoom()) {
            readyListener.run();
        }
    }

    /** Returns true when the backlog is empty after. */
    private boolean drainBacklog() {
        if (draining) {
            return false;
        }
        draining = true;
        try {
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
        } finally {
            draining = false;
        }
    }

    // --- failover and failback (patent [0101]-[0104]) ---------------------------------------------------------------

    /** Takes a member out of service; counts, records and notifies when it was carrying traffic. */
    private void failover(int slot, FailoverReason reason, boolean recordAlways) {
        boolean wasCarrying = members.stopCarrying(slot);
        busyWatch.forget(slot);
        notifier.cancel(slot);
        failback.linkDown(slot);
        rechecker.stateIs(slot, members.state(slot));
        rebuild();
        if (wasCarrying) {
            counters.failovers++;
        }
        if (wasCarrying || recordAlways) {
            record(slot, reason);
        }
        observer.carriersChanged(this);
        if (wasCarrying) {
            notifySwitches();
        }
    }

    private void returnToService(int slot) {
        boolean wasFailedOver = members.startCarrying(slot);
        busyWatch.forget(slot);
        rebuild();
        if (wasFailedOver) {
            counters.failbacks++;
            record(slot, FailoverReason.FAILBACK);
            notifySwitches();
        }
        observer.carriersChanged(this);
        drain();
    }

    /** Enters a failover, failback or removal in the history, and tells the observer. */
    private void record(int slot, FailoverReason reason) {
        observer.recorded(this, history.record(scheduler.nanoTime(), slot, members.nic(slot).name(), reason));
    }

    /**
     * The member's ring stayed full for the failover-on-busy time ([0101]-[0102], a "resource limitation"): it fails
     * over as a whole, as at a link failure, unless it is the last member carrying traffic (then nothing would take
     * over, and its frames would be dropped rather than wait). Returns true when it failed over.
     */
    private boolean failOverBusy(int slot) {
        if (!members.carrying(slot) || members.state(slot) != MemberState.UP || members.activeCount() < 2) {
            return false;
        }
        backlog.endReturnRun();
        failover(slot, FailoverReason.BUSY, false);
        drain(); // frames waiting for it go to the member that took over
        return true;
    }

    /** A member failed over as busy has room again: it comes back as a recovered link does, by the failback mode. */
    private void busyEnded(int slot) {
        if (members.state(slot) == MemberState.UP && !members.carrying(slot)
                && failback.linkUp(slot, members.failedOver(slot))) {
            returnToService(slot);
        }
    }

    /**
     * Changes the failover-on-busy time of the running bond (0: off); it applies from the next busy period, and a
     * member already failed over as busy still returns when its ring has room.
     *
     * @throws IllegalArgumentException naming the value and the range allowed; nothing changes
     */
    public void setFailoverOnBusyNanos(long nanos) {
        settings = settings.withFailoverOnBusy(nanos);
        busyWatch.setLimitNanos(nanos);
    }

    /**
     * A load-based bond moved a VM's port off a busy member: recorded and announced like a failover, so that operators
     * see ports move. The switches learn the port's MAC from its next frame through the new member.
     */
    private void portMoved(int port, int from, int to, int fromPercent, int toPercent, int busySeconds) {
        String details = "port " + port + " moved from " + members.nic(from).name() + " (" + fromPercent + " % busy for "
                + busySeconds + " s, threshold " + settings.loadBased().thresholdPercent() + " %) to "
                + members.nic(to).name() + " (" + toPercent + " %)";
        observer.recorded(this, history.record(new FailoverEvent(scheduler.nanoTime(), to, members.nic(to).name(),
                FailoverReason.LOAD_MOVED, details)));
    }

    /** Frames the policy held while a port moved wait in the backlog: send them now that the move is done. */
    private void resumeHeld() {
        if (!backlog.isEmpty()) {
            drain();
        }
    }

    private void holdDownOver(int slot) {
        if (members.state(slot) == MemberState.UP && !members.carrying(slot)) {
            returnToService(slot);
        }
    }

    /** A carrier event from the NIC, or a poll that found the link changed: acted on after its delay, if any. */
    private void carrierEvent(int slot, LinkState state) {
        if (members.state(slot) == MemberState.REMOVED) {
            linkEvent(slot, state);
        } else {
            carrierDelays.carrierChanged(slot, state);
        }
    }

    /**
     * Active in {@code arp_validate}'s sense: in failover-order the member carrying now (the first active one), every
     * other member a backup; in the spreading policies every member, as Linux's balance modes make every slave active.
     */
    private boolean activeForArp(int slot) {
        if (spreading.policy() != LoadDistribution.FAILOVER_ORDER) {
            return true;
        }
        return members.activeCount() > 0 && members.active(0) == slot;
    }

    /** A carrier change the bond acts on now ({@link CarrierDelayer} let it through). */
    private void linkEvent(int slot, LinkState state) {
        if (members.state(slot) == MemberState.REMOVED) {
            drain(); // a vanished member's returned frames wait in the backlog
            return;
        }
        backlog.endReturnRun();
        MemberState next = MemberState.of(state);
        if (next == MemberState.UP && !monitor.reachable(slot)) {
            next = MemberState.UNREACHABLE; // carrier is back, but the ARP monitor has heard nothing through it yet
        }
        members.setState(slot, next);
        if (next != MemberState.UP) {
            failover(slot, switch (next) {
                case FAILED -> FailoverReason.HARDWARE_FAILED;
                case UNREACHABLE -> FailoverReason.ARP_UNANSWERED;
                default -> FailoverReason.CARRIER_LOST;
            }, false);
        } else {
            rechecker.stateIs(slot, next);
            if (failback.linkUp(slot, members.failedOver(slot))) {
                returnToService(slot);
            }
        }
        aggregation.memberChanged(slot);
        drain();
    }

    /**
     * The ARP monitor's verdict on a member with carrier: unreachable is a failover like a carrier loss, and reachable
     * again is a link coming back, which the failback mode governs.
     */
    private void reachabilityChanged(int slot, boolean reachable) {
        MemberState state = members.state(slot);
        if (reachable ? state == MemberState.UNREACHABLE : state == MemberState.UP) {
            linkEvent(slot, LinkState.UP); // the carrier is up; the monitor's verdict decides UP or UNREACHABLE
        }
    }

    /**
     * LACP opened or closed gates (a control event): rebuild the tables; a member LACP took out of service is a
     * failover, its return a failback, both recorded like those of links.
     */
    private void lacpGatesChanged(boolean[] left, boolean[] returned) {
        rebuild();
        boolean failedOver = false;
        for (int slot = 0; slot < left.length; slot++) {
            if (left[slot]) {
                counters.failovers++;
                failedOver = true;
                record(slot, FailoverReason.LACP);
            } else if (returned[slot]) {
                counters.failbacks++;
                record(slot, FailoverReason.FAILBACK);
            }
        }
        observer.carriersChanged(this);
        if (failedOver) {
            notifySwitches();
        }
        drain();
    }

    /** From each member that now carries traffic, a gratuitous ARP per VM MAC seen, so switches relearn ([0101]). */
    private void notifySwitches() {
        if (!settings.notifySwitches() || macs.size() == 0) {
            return;
        }
        int carriers = spreading.policy() == LoadDistribution.FAILOVER_ORDER ? Math.min(1, members.activeCount())
                : members.activeCount();
        for (int i = 0; i < carriers; i++) {
            int slot = members.active(i);
            notifier.announce(slot, members.nic(slot), macs);
        }
    }

    /** The VMs behind the bond changed (a virtual NIC connected or left): recompute the VM-aware tables. */
    public void vmsChanged() {
        spreading.rebuild();
    }

    private void rebuild() {
        members.recompute();
        roles.recompute(spreading.policy());
        spreading.rebuild();
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= members.count()) {
            throw new IllegalArgumentException("bond " + name + " has no member " + slot + "; its slots are 0.."
                    + (members.count() - 1));
        }
    }

    // --- what the NICs tell us ----------------------------------------------------------------------------------

    /** One per member, so that every callback knows its slot without a search. */
    private final class MemberListener implements NicListener {

        private final int slot;

        MemberListener(int slot) {
            this.slot = slot;
        }

        @Override
        public void frameReceived(PhysicalNic nic, FrameBuffer frame) {
            if (members.state(slot) == MemberState.REMOVED) {
                frame.release(); // a vanished member's last words: not the VMs' business
                return;
            }
            counters.receivedFrames[slot]++;
            if (aggregation.takeSlowProtocolFrame(slot, frame)) {
                return; // LACPDUs and their kin are the bond's own, never a VM's
            }
            if (monitor.takeOwnFrame(slot, frame)) {
                return; // the ARP monitor's: an answer to a probe, or a probe flooded back into the bond
            }
            if (!members.collecting(slot)) {
                counters.droppedNotCollecting++;
                frame.release();
                return;
            }
            InboundFrames receiver = inbound;
            if (receiver != null) {
                receiver.received(slot, frame);
            } else {
                frame.release();
            }
        }

        @Override
        public void linkStateChanged(PhysicalNic nic, LinkState state) {
            carrierEvent(slot, state);
        }

        @Override
        public void transmitReady(PhysicalNic nic) {
            aggregation.transmitReady(slot); // an LACPDU waiting for room goes before everything
            if (notifier.pending(slot)) {
                notifier.resume(slot, nic, macs); // announcements first: the switches must learn where VMs are
            }
            busyWatch.room(slot);
            drain();
        }

        /** A VM frame's last bit left the member: it is delivered, as far as this host can know. */
        @Override
        public void transmitCompleted(PhysicalNic nic, FrameBuffer frame) {
            int port = frame.sourcePort();
            if (port >= 0) {
                fates.transmitted(port);
            }
        }

        /** Zero-loss failover: back in front of the backlog, resent on the survivors at the link event. */
        @Override
        public void transmitAborted(PhysicalNic nic, FrameBuffer frame) {
            if (frame.sourcePort() == SwitchNotifier.ANNOUNCEMENT_PORT) {
                counters.notificationsAborted++; // the failover that follows announces again
                frame.release();
                return;
            }
            if (BondAggregation.isLacpdu(frame)) {
                counters.lacpdusAborted++; // LACP sends a newer one when the link returns
                frame.release();
                return;
            }
            if (frame.sourcePort() == ArpMonitor.PROBE_PORT) {
                monitor.probeHandedBack(frame); // the next round probes again
                return;
            }
            counters.returned(slot, frame.length());
            if (!backlog.insertReturned(frame)) {
                drop(frame, DropReason.QUEUE_FULL);
            }
        }
    }

    // --- inspection (control path: snapshots may allocate) --------------------------------------------------------

    public BondStats stats() {
        return BondStats.of(this, members, counters, backlog.size(), macs, failback, rechecker,
                aggregation.status(name), monitor, carrierDelays, roles, scheduler.nanoTime());
    }

    long rebalanceMoves() {
        return spreading.rebalanceMoves();
    }

    /** The bond's link aggregation as {@code lacp:show} gives it. */
    public LacpBondStatus lacpStatus() {
        return aggregation.status(name);
    }

    public List<FailoverEvent> history() {
        return history.snapshot();
    }

    /** Frames waiting in the backlog now. */
    public int queuedFrames() {
        return backlog.size();
    }

    public long offeredFrames() {
        return counters.offered;
    }

    /** Frames on member {@code slot}'s ring or beyond (handed-back frames excluded). */
    public long sentFrames(int slot) {
        return counters.sentFrames[slot];
    }

    /** True when every offered frame is sent, dropped with a reason, or queued. */
    public boolean accountedFor() {
        return counters.offered == counters.sentTotal() + counters.droppedTotal() + backlog.size();
    }
}
