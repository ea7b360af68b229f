package org.nicmanager.resource.scheduler;

import java.util.Collection;
import java.util.List;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.Decision;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.LineRate;
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.WireBytes;

/**
 * The send / queue / drop decision for one uplink (patent Figure 5, steps 806-810). A frame goes out at once when its
 * VM has nothing queued, its gates (limit, shaping) let it through, the uplink is ready and no other VM is ready or
 * it would be served before all of them anyway; it otherwise joins its VM's bounded queue, and queued frames leave in
 * {@link ServiceOrder} order whenever the uplink is ready; {@link GatePlacement} holds back a VM whose head frame
 * waits for a gate. Frame path: no allocation, no locks, no logging; time only from the kernel scheduler. The control
 * path ({@link UplinkControl}) and the reports ({@link UplinkReports}) share the {@link UplinkState}.
 */
public final class UplinkFrameScheduler implements UplinkScheduler {

    /** How far a reservation clock may fall behind now, so a stalled uplink does not owe a reserved VM a long burst. */
    static final long RESERVATION_CATCH_UP_NANOS = 10_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    final UplinkState state;
    /** The state's parts that never change, kept here too so that the frame path reads them directly. */
    private final UplinkPort port;
    private final KernelScheduler clock;
    private final VmTable table;
    private final ServiceOrder order;
    private final FrameSlab slab;
    private final ShareClock shareClock;
    private final GatePlacement gates;
    private final UplinkControl control;
    private final ResourceEvents events;
    private final Timer sampleTimer;
    private final Timer intervalTimer;
    private CostMode costMode;
    private long queueLimitBytes;
    private long intervalNanos;
    private boolean closed;

    public UplinkFrameScheduler(String uplink, UplinkPort port, KernelScheduler clock, ResourceSettings settings,
            VmAllocations allocations, ResourceEvents events) {
        this.state = new UplinkState(uplink, port, clock, settings.lagBoundUnits());
        this.port = port;
        this.clock = clock;
        this.table = state.table;
        this.order = state.order;
        this.slab = state.slab;
        this.shareClock = state.shareClock;
        this.gates = new GatePlacement(state, this::releaseDue);
        this.control = new UplinkControl(state, gates, this::release, allocations, events);
        this.events = events;
        this.sampleTimer = clock.newTimer("resource/" + uplink + "/samples", this::sample);
        this.intervalTimer = clock.newTimer("resource/" + uplink + "/interval", this::nextInterval);
        settingsChanged(settings);
        sampleTimer.armAfter(ThroughputHistory.SAMPLE_NANOS);
    }

    // --- frame path ---------------------------------------------------------------------------------------------

    @Override
    public Decision offer(FrameBuffer frame) {
        int slot = table.slotOfPort(frame.sourcePort());
        if (slot < 0) {
            return unattributed(frame);
        }
        VmSlot vm = table.slot(slot);
        int carriedBytes = LineRate.carriedLength(frame); // a super-frame's segments, as the wire will carry them
        int wireBytes = WireBytes.of(carriedBytes);
        vm.offeredFrames++;
        vm.offeredWireBytes += wireBytes;
        if (vm.fenced) {
            return drop(vm, frame, DropReason.NOT_OWNER);
        }
        if (vm.suspended) {
            return drop(vm, frame, DropReason.VM_SUSPENDED);
        }
        if (state.capacityBps == 0 && !port.ready()) {
            return drop(vm, frame, DropReason.NO_MEMBER_AVAILABLE);
        }
        long now = clock.nanoTime();
        long conformsAt = Long.MIN_VALUE;
        if (vm.state == VmSlot.IDLE) {
            conformsAt = vm.conformsAt(wireBytes * (long) Byte.SIZE);
            if (conformsAt <= now) {
                gates.wake(vm, now); // backlogged from now, whether its frame goes at once or joins the order below
                if (port.ready() && (!order.anyReady() || order.servesFirst(vm, now))) {
                    // This VM would be first in every phase: the frame goes now, past the queue.
                    charge(vm, wireBytes, ServiceOrder.SHARES, now);
                    port.send(frame);
                    if (order.anyReady()) {
                        release(now); // the uplink may take more
                    }
                    return Decision.SEND;
                }
            }
        }
        if (vm.queuedFrames >= state.queueLimitFrames || vm.queuedBytes + carriedBytes > queueLimitBytes) {
            return drop(vm, frame, gates.waitReason(vm, now));
        }
        frame.setEnqueuedAtNanos(now);
        slab.offer(vm, frame, carriedBytes);
        if (vm.state == VmSlot.IDLE) {
            if (conformsAt > now) {
                order.makeWaiting(vm, conformsAt, now);
                gates.armRelease();
            } else {
                order.makeReady(vm, now);
            }
        }
        release(now);
        if (vm.queuedFrames == 0) {
            return Decision.SEND; // FIFO: the queue emptied, so the frame at its tail went too
        }
        vm.queuedTotal++;
        return Decision.QUEUE;
    }

    @Override
    public void uplinkReady() {
        release(clock.nanoTime());
    }

    /**
     * Sends ready VMs' frames, in service order, while the uplink takes them. The uplink may call back into this
     * scheduler from {@link UplinkPort#send} (its members changed, or took frames again), which runs a release of its
     * own: harmless, because everything a frame's release changes is changed before it is sent, and this loop asks the
     * order afresh for every frame. The NIC manager tells nothing while it is placing a frame, so the chain is short.
     */
    void release(long now) {
        while (port.ready()) {
            int slot = order.next(now);
            if (slot < 0) {
                return;
            }
            int phase = order.phase();
            VmSlot vm = table.slot(slot);
            int wireBytes = WireBytes.of(slab.headLength(vm));
            FrameBuffer frame = slab.poll(vm);
            charge(vm, wireBytes, phase, now);
            gates.settle(vm, now);
            if (phase == ServiceOrder.FLOOR) {
                order.floorServed(vm);
            }
            port.send(frame);
        }
    }

    /** Counts one frame sent: gates, reservation clock, virtual time, interval units, counters. */
    private void charge(VmSlot vm, int wireBytes, int phase, long now) {
        long bits = wireBytes * (long) Byte.SIZE;
        vm.chargeGates(bits, now);
        if (vm.reservationBps > 0) {
            long due = phase == ServiceOrder.RESERVATION
                    ? Math.max(vm.reservationDueNanos, now - RESERVATION_CATCH_UP_NANOS)
                    : Math.max(vm.reservationDueNanos, now);
            long scaled = bits * NANOS_PER_SECOND + vm.reservationRemainder;
            long nanos = scaled / vm.reservationBps;
            vm.reservationRemainder = scaled - nanos * vm.reservationBps;
            vm.reservationDueNanos = due + nanos;
        }
        long units = costMode.units(wireBytes);
        if (phase != ServiceOrder.RESERVATION) {
            shareClock.charge(vm, units, phase == ServiceOrder.SHARES);
        }
        if (order.countsIntervals()) {
            order.countUnits(vm, units);
        }
        vm.sentFrames++;
        vm.sentWireBytes += wireBytes;
    }

    private Decision drop(VmSlot vm, FrameBuffer frame, DropReason reason) {
        vm.dropped[reason.ordinal()]++;
        frame.release();
        return Decision.DROP;
    }

    @Override
    public void transmitted(int port) {
        int slot = table.slotOfPort(port);
        if (slot >= 0) {
            table.slot(slot).deliveredFrames++;
        } else {
            state.unattributedDelivered++;
        }
    }

    @Override
    public void droppedDownstream(int port, DropReason reason) {
        int slot = table.slotOfPort(port);
        if (slot >= 0) {
            table.slot(slot).droppedDownstream[reason.ordinal()]++;
        } else {
            state.unattributedDropped++;
        }
    }

    private Decision unattributed(FrameBuffer frame) {
        if (!closed && !order.anyReady() && port.ready()) {
            state.unattributedSent++;
            port.send(frame);
            return Decision.SEND;
        }
        state.unattributedDropped++;
        frame.release();
        return Decision.DROP;
    }

    // --- control path: connections, capacity, allocations, settings (UplinkControl does the work) ---------------

    @Override
    public void connect(int port, String vm) {
        control.connect(port, vm);
    }

    @Override
    public void disconnect(int port) {
        control.disconnect(port);
    }

    @Override
    public void capacityChanged() {
        control.capacityChanged();
    }

    /** A VM's allocation changed: it takes effect at once, on this uplink if the VM sends through it. */
    public void allocationChanged(String vm, NetworkAllocation allocation) {
        control.allocationChanged(vm, allocation);
    }

    /**
     * The VM was suspended or resumed: a suspended VM's new frames are dropped (VM_SUSPENDED), and its queued ones wait
     * for the resume (patent [0124]).
     */
    public void suspended(String vm, boolean suspended) {
        control.suspended(vm, suspended);
    }

    /**
     * This host stopped, or again started, acting as the VM's owner (issue 16): a fenced VM's queued frames are dropped
     * and its new ones too, NOT_OWNER; unfenced, it sends again.
     */
    public void fenced(String vm, boolean fenced) {
        control.fenced(vm, fenced);
    }

    public void settingsChanged(ResourceSettings settings) {
        costMode = settings.costMode();
        queueLimitBytes = settings.queueLimitBytes();
        state.queueLimitFrames = settings.queueLimitFrames();
        control.settingsChanged(settings);
        order.setIntervalUnits(settings.intervalMinUnits(), settings.intervalMaxUnits());
        intervalNanos = settings.intervalNanos();
        if (order.countsIntervals()) {
            intervalTimer.armAfter(intervalNanos);
        } else {
            intervalTimer.cancel();
        }
    }

    /** Drops every queued frame, cancels the timers; offers are dropped from now on. */
    public void close() {
        closed = true;
        gates.cancel();
        sampleTimer.cancel();
        intervalTimer.cancel();
        control.close();
    }

    public String uplink() {
        return state.uplink;
    }

    /** The uplink's NICs, in failover order. */
    public List<String> nics() {
        return port.nics();
    }

    /** The longest window {@link #usage} can measure over. */
    public static long longestWindowNanos() {
        return ThroughputHistory.longestWindowNanos();
    }

    /** True while the VM has a virtual NIC connected here. */
    public boolean carries(String vm) {
        VmSlot slot = table.find(vm);
        return slot != null && slot.ports > 0;
    }

    /**
     * The admissible capacity less the reservations of every other VM connected here: the most {@code vm} may reserve.
     * Admission counts what the uplink carries with every member up and selected, not what it carries this instant, so
     * that the answer does not depend on when it is asked; a reservation admitted that does not fit now is broken, and
     * announced, until it does.
     */
    public long reservationRoom(String vm) {
        return admissibleCapacityBps() - Guarantees.reservedByOthers(table, vm);
    }

    /** What the uplink carries now, in bits per second ([0116]). */
    public long capacityBps() {
        return state.capacityBps;
    }

    /** What the uplink carries by its policy with every member up and selected: what reservations are admitted to. */
    public long admissibleCapacityBps() {
        return state.admissibleCapacityBps();
    }

    public UplinkUsage usage(long windowNanos) {
        return UplinkReports.usage(state, windowNanos);
    }

    public WhatIf whatIf(Collection<String> failedNics) {
        return UplinkReports.whatIf(state, failedNics);
    }

    /** The release timer: VMs whose head frame now conforms join the order, and the uplink gets their frames. */
    private void releaseDue() {
        long now = clock.nanoTime();
        gates.admitConforming(now);
        release(now);
    }

    private void sample() {
        long now = clock.nanoTime();
        state.history.sample(now, table);
        StarvationWatch.sample(state, now, ThroughputHistory.SAMPLE_NANOS, events);
        shareClock.rebase(table, order.shares);
        sampleTimer.armAt(sampleTimer.deadlineNanos() + ThroughputHistory.SAMPLE_NANOS);
    }

    private void nextInterval() {
        order.rollover();
        intervalTimer.armAt(intervalTimer.deadlineNanos() + intervalNanos);
        release(clock.nanoTime());
    }
}
