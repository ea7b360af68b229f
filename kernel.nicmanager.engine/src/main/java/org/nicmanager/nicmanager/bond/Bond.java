package org.nicmanager.nicmanager.bond;

import java.util.List;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * One team of physical NICs (patent [0059]-[0071], [0101]-[0104]): spreads outgoing frames over its members with its
 * load-distribution policy, fails over at the link event, fails back as configured, and accounts for every frame.
 *
 * <p>The bond wires its parts, each with one job, and is their one face to the rest of the NIC manager:
 * {@link BondMembership} (who is in the team), {@link TransmitPath} (the transmit path and its backlog),
 * {@link FailoverControl} (failover and failback), {@link ReceivedFrameSorter} (received frames, through one
 * {@link MemberListener} per member), and the inspection below ({@link BondStats}, the history).
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
    private final BondCounters counters = new BondCounters();
    private final MacsSeen macs = new MacsSeen();
    private final FailoverHistory history = new FailoverHistory();
    private final LoadSpreading spreading;
    private final SwitchNotifier notifier;
    private final FailbackPolicy failback;
    private final LinkRechecker rechecker;
    private final BusyWatch busyWatch;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private final CarrierDelayer carrierDelays;
    private final MemberRoles roles;
    private final TransmitPath transmit;
    private final FailoverControl failover;
    private final ReceivedFrameSorter received;
    private final BondMembership membership;

    /** Where frames the members receive go; inbound routing is another component's job. */
    @FunctionalInterface
    public interface InboundFrames {
        /** Ownership of {@code frame} passes to the receiver. */
        void received(int slot, FrameBuffer frame);
    }

    /**
     * A bond with the built-in policy of that name, for tests and benchmarks; the NIC manager finds its policies as
     * services ({@link PolicyCatalog}).
     *
     * @param vms what the NIC manager knows of VMs
     * @throws IllegalArgumentException for an unknown policy, or one that needs what the NIC manager does not know
     */
    public Bond(String name, String policy, VmKnowledge vms, KernelScheduler scheduler, BondSettings settings) {
        this(name, PolicyCatalog.builtIn(vms).require(policy), vms, scheduler, settings);
    }

    /**
     * @param policy the policy service the bond runs
     * @param vms what the NIC manager knows of VMs
     * @throws IllegalArgumentException for a policy that needs what the NIC manager does not know
     */
    public Bond(String name, DistributionPolicy policy, VmKnowledge vms, KernelScheduler scheduler,
            BondSettings settings) {
        this.name = name;
        this.scheduler = scheduler;
        this.settings = settings;
        // The parts that detect failures and move ports call the failover, which needs them all: they reach it
        // through the forwarders at the end of this class, so that every part is final and built once.
        this.spreading = new LoadSpreading(name, policy, members, vms, scheduler, settings.loadBased(),
                this::portMoved, this::resumeHeld);
        this.notifier = new SwitchNotifier(NOTIFICATION_BUFFERS, counters);
        this.failback = new FailbackPolicy(scheduler, settings.failback(), settings.failbackHoldDownNanos(),
                this::holdDownOver);
        this.rechecker = new LinkRechecker(scheduler, settings.downRecheckNanos(), settings.failedRecheckNanos(),
                this::carrierEvent);
        this.busyWatch = new BusyWatch(scheduler, members, settings.failoverOnBusyNanos(), new BusyWatch.Verdicts() {
            @Override
            public boolean busyTooLong(int slot) {
                return failover.failOverBusy(slot);
            }

            @Override
            public void busyOver(int slot) {
                failover.busyEnded(slot);
            }
        });
        FramePlacer placer = new FramePlacer(members, spreading.distributor(), spreading.spreadsByNature(), counters,
                macs, this::linkDownOnTransmit, busyWatch);
        this.aggregation = new BondAggregation(name, settings.lacp(), scheduler, members, counters,
                this::lacpGatesChanged);
        this.monitor = new ArpMonitor(name, settings.arpMonitor(), scheduler, members, this::reachabilityChanged,
                this::activeForArp);
        this.carrierDelays = new CarrierDelayer(scheduler, settings.carrierDelays(), members, this::linkEvent);
        this.roles = new MemberRoles(members, aggregation, failback);
        this.transmit = new TransmitPath(members, placer, new Backlog(settings.backlogFrames()), counters);
        this.failover = new FailoverControl(this, scheduler, members, spreading, transmit, counters, macs, notifier,
                failback, rechecker, history, aggregation, monitor, carrierDelays, busyWatch, roles);
        this.received = new ReceivedFrameSorter(members, counters, aggregation, monitor);
        this.membership = new BondMembership(name, members, this::listenerFor, transmit, failover, spreading, roles,
                aggregation, monitor, busyWatch, failback, rechecker, carrierDelays, notifier);
        roles.recompute(spreading.policy());
    }

    public String name() {
        return name;
    }

    /** The name of the policy the bond runs now. */
    public String policy() {
        return spreading.policy().name();
    }

    /** The policy service the bond runs now. */
    public DistributionPolicy policyService() {
        return spreading.policy();
    }

    public BondSettings settings() {
        return settings;
    }

    /** Frames received by members go here; without a receiver they are counted and released. */
    public void setInbound(InboundFrames receiver) {
        received.setInbound(receiver);
    }

    public void setObserver(BondObserver observer) {
        failover.setObserver(observer);
        transmit.setCarriersListener(() -> observer.carriersChanged(this)); // through the transmit path: see there
    }

    /** Told what became of each VM frame: on the wire, or dropped with a reason, so its VM's figures include it. */
    public void setFates(FrameFates fates) {
        transmit.setFates(fates);
    }

    /**
     * Called when members can take frames again and the bond's own backlog is empty: the resource manager in front
     * releases its queued frames then (patent step 810).
     */
    public void setReadyListener(Runnable listener) {
        transmit.setReadyListener(listener);
    }

    /**
     * Changes the load-distribution policy now; a refused policy changes nothing. The members' roles, and so the
     * capacity, follow the policy: the observer hears of it.
     */
    public void setPolicy(DistributionPolicy policy) {
        transmit.use(spreading.use(policy), spreading.spreadsByNature());
        failover.rebuild();
        failover.carriersChanged();
        // frames the old policy held (a load-based port in the middle of a move) go by the new one
        transmit.resumeHeld();
    }

    /**
     * Puts these members first in the failover order ([0070]), in the order given; the others follow as before.
     *
     * @throws IllegalArgumentException for a slot named twice or unknown
     */
    public void putFirst(int[] slots) {
        membership.putFirst(slots);
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

    /** True when a frame handed over now goes onto a ring rather than into the backlog. */
    public boolean ready() {
        return transmit.ready();
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
        return AdmissibleCapacity.of(members.presentRatesBps(), spreading.policy().spreading(), aggregation.settings());
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
        transmit.dropBacklog();
        membership.releaseAll();
    }

    /**
     * Broadcast and multicast frames are accepted from one member only, the first active one, so that a frame the
     * switch floods to every member reaches the VMs once ([0064]).
     */
    public boolean acceptsGroupFrames(int slot) {
        return received.acceptsGroupFrames(slot);
    }

    /**
     * True when the members are one link towards the switch (static or LACP aggregation), so the switch may send a
     * frame for any member's MAC down any member.
     */
    public boolean aggregated() {
        return aggregation.aggregated();
    }

    /** The VMs behind the bond changed (a virtual NIC connected or left): recompute the VM-aware tables. */
    public void vmsChanged() {
        spreading.rebuild();
    }

    // --- membership (patent [0059]-[0061]): BondMembership -------------------------------------------------------

    /**
     * Adds a NIC at the end of the failover order, listens to it and makes it promiscuous ([0063]). A NIC that is UP
     * carries traffic at once. Returns its slot.
     */
    public int addMember(PhysicalNic nic) {
        return membership.add(nic);
    }

    /** The operator takes a member out: fail over from it and let go of the NIC, which stays on the host. */
    public void removeMember(int slot) {
        membership.remove(slot);
    }

    /**
     * The member's driver went away (patent step 752, in reverse): fail over from it at once. The bond stays the NIC's
     * listener, so that the frames still on its ring come back through {@link NicListener#transmitAborted} when the
     * driver tears the NIC down, and are resent on the survivors.
     */
    public void memberVanished(int slot) {
        membership.vanished(slot);
    }

    /**
     * Puts a recovered member back in service now (MANUAL failback, patent [0104]); any mode may use it to end a
     * hold-down early. Returns false when the member already carries traffic.
     *
     * @throws IllegalArgumentException when the slot is unknown or its link is not UP, naming its state
     */
    public boolean failback(int slot) {
        membership.checkSlot(slot);
        return failover.failBackNow(slot);
    }

    // --- the frame path (patent Figure 5, step 812): TransmitPath ------------------------------------------------

    /**
     * Sends a frame over the bond, or queues it behind older frames while the member its policy chose cannot take it
     * ({@link TransmitPath#transmit}). The bond owns the frame from here on, whatever the outcome.
     */
    public TransmitOutcome transmit(FrameBuffer frame) {
        return transmit.transmit(frame);
    }

    // --- inspection (control path: snapshots may allocate) --------------------------------------------------------

    public BondStats stats() {
        return BondStats.of(this, members, counters, transmit.queuedFrames(), macs, failback, rechecker,
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
        return transmit.queuedFrames();
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
        return transmit.accountedFor();
    }

    // --- wiring: callbacks of parts built before the one that acts on them (failover and failback, [0101]-[0104]) --

    private NicListener listenerFor(int slot) {
        return new MemberListener(slot, received, transmit, failover, aggregation, monitor, notifier, macs, busyWatch,
                counters);
    }

    private void portMoved(int port, int from, int to, int fromPercent, int toPercent, int busySeconds) {
        failover.portMoved(port, from, to, fromPercent, toPercent, busySeconds);
    }

    private void resumeHeld() {
        transmit.resumeHeld();
    }

    private void holdDownOver(int slot) {
        failover.holdDownOver(slot);
    }

    private void carrierEvent(int slot, LinkState state) {
        failover.carrierEvent(slot, state);
    }

    private void linkDownOnTransmit(int slot) {
        failover.linkDownOnTransmit(slot);
    }

    private void lacpGatesChanged(boolean[] left, boolean[] returned) {
        failover.lacpGatesChanged(left, returned);
    }

    private void reachabilityChanged(int slot, boolean reachable) {
        failover.reachabilityChanged(slot, reachable);
    }

    private boolean activeForArp(int slot) {
        return failover.activeForArp(slot);
    }

    private void linkEvent(int slot, LinkState state) {
        failover.linkEvent(slot, state);
    }
}
