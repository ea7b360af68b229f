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
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.WireBytes;

/**
 * The send / queue / drop decision for one uplink (patent Figure 5, steps 806-810). A frame goes out at once when its
 * VM has nothing queued, its gates (limit, shaping) let it through, the uplink is ready and no other VM is ready or
 * it would be served before all of them anyway; it otherwise joins its VM's bounded queue, and queued frames leave in
 * {@link ServiceOrder} order whenever the uplink is ready. A kernel timer releases VMs whose head frame waited for a gate. Frame path: no allocation, no locks, no
 * logging; time only from the kernel scheduler. Control path: connections, allocations, capacity, settings, reports.
 */
public final class UplinkFrameScheduler implements UplinkScheduler {

    /** How far a reservation clock may fall behind now, so a stalled uplink does not owe a reserved VM a long burst. */
    static final long RESERVATION_CATCH_UP_NANOS = 10_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** FCS, preamble and gap: what a frame of 64 bytes or more adds on the wire. */
    private static final int WIRE_OVERHEAD_BYTES = WireBytes.FCS_BYTES + WireBytes.PREAMBLE_AND_GAP_BYTES;

    final String uplink;
    final UplinkPort port;
    final KernelScheduler clock;
    final VmTable table = new VmTable();
    final ServiceOrder order = new ServiceOrder(table);
    final ShareClock shareClock;
    final ThroughputHistory history;
    final FrameSlab slab = new FrameSlab();
    private final UplinkControl control;
    private final ResourceEvents events;
    private final Timer releaseTimer;
    private final Timer sampleTimer;
    private final Timer intervalTimer;
    private CostMode costMode;
    int queueLimitFrames;
    private long queueLimitBytes;
    private long intervalNanos;
    long capacityBps;
    private boolean releasing;
    private boolean closed;
    /** Frames from ports no VM connected: sent when nothing else waits, else dropped. */
    long unattributedSent;
    long unattributedDropped;
    /** Frames of ports no VM connects now that left on the wire (sent before their virtual NIC left, say). */
    long unattributedDelivered;

    public UplinkFrameScheduler(String uplink, UplinkPort port, KernelScheduler clock, ResourceSettings settings,
            VmAllocations allocations, ResourceEvents events) {
        this.uplink = uplink;
        this.port = port;
        this.clock = clock;
        this.control = new UplinkControl(this, allocations, events);
        this.events = events;
        this.shareClock = new ShareClock(settings.lagBoundUnits());
        this.history = new ThroughputHistory(clock.nanoTime());
        this.releaseTimer = clock.newTimer("resource/" + uplink + "/release", this::releaseDue);
        this.sampleTimer = clock.newTimer("resource/" + uplink + "/samples", this::sample);
        this.intervalTimer = clock.newTimer("resource/" + uplink + "/interval", this::nextInterval);
        this.capacityBps = port.capacityBps();
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
        int wireBytes = WireBytes.of(frame.length());
        vm.offeredFrames++;
        vm.offeredWireBytes += wireBytes;
        if (vm.suspended) {
            return drop(vm, frame, DropReason.VM_SUSPENDED);
        }
        if (capacityBps == 0 && !port.ready()) {
            return drop(vm, frame, DropReason.NO_MEMBER_AVAILABLE);
        }
        long now = clock.nanoTime();
        long conformsAt = Long.MIN_VALUE;
        if (vm.state == VmSlot.IDLE) {
            conformsAt = vm.conformsAt(wireBytes * (long) Byte.SIZE);
            if (conformsAt <= now) {
                wake(vm, now); // backlogged from now, whether its frame goes at once or joins the order below
                if (!releasing && port.ready() && (!order.anyReady() || order.servesFirst(vm, now))) {
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
        if (vm.queuedFrames >= queueLimitFrames || vm.queuedBytes + frame.length() > queueLimitBytes) {
            return drop(vm, frame, waitReason(vm, now));
        }
        frame.setEnqueuedAtNanos(now);
        slab.offer(vm, frame);
        if (vm.state == VmSlot.IDLE) {
            if (conformsAt > now) {
                order.makeWaiting(vm, conformsAt, now);
                armRelease();
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

    /** Sends ready VMs' frames, in service order, while the uplink takes them. */
    void release(long now) {
        if (releasing) {
            return; // the outer loop carries on
        }
        releasing = true;
        try {
            while (port.ready()) {
                int slot = order.next(now);
                if (slot < 0) {
                    break;
                }
                int phase = order.phase();
                VmSlot vm = table.slot(slot);
                int wireBytes = WireBytes.of(slab.headLength(vm));
                FrameBuffer frame = slab.poll(vm);
                charge(vm, wireBytes, phase, now);
                settle(vm, now);
                if (phase == ServiceOrder.FLOOR) {
                    order.floorServed(vm);
                }
                port.send(frame);
            }
        } finally {
            releasing = false;
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

    /** After a frame left a ready VM: it goes idle, waits for a gate, or takes its new place in the order. */
    private void settle(VmSlot vm, long now) {
        int headLength = slab.headLength(vm);
        if (headLength < 0) {
            order.makeIdle(vm, now);
            return;
        }
        long conformsAt = vm.conformsAt(WireBytes.of(headLength) * (long) Byte.SIZE);
        if (conformsAt > now) {
            order.makeWaiting(vm, conformsAt, now);
            armRelease();
        } else {
            order.reorder(vm);
        }
    }

    /**
     * A VM whose queue is not empty joins the order, or waits for the gate its head frame needs; a suspended VM stays
     * out of service with its queue. Control path.
     */
    void place(VmSlot vm, long now) {
        int headLength = slab.headLength(vm);
        if (headLength < 0 || vm.suspended) {
            order.makeIdle(vm, now);
            return;
        }
        long conformsAt = vm.conformsAt(WireBytes.of(headLength) * (long) Byte.SIZE);
        if (conformsAt > now) {
            order.makeWaiting(vm, conformsAt, now);
        } else {
            wake(vm, now);
            order.makeReady(vm, now);
        }
        armRelease();
    }

    /** A VM becomes backlogged: its virtual time within the lag bound, its reservation owed from now at the latest. */
    void wake(VmSlot vm, long now) {
        shareClock.activate(vm);
        if (vm.reservationDueNanos < now) {
            vm.reservationDueNanos = now;
        }
    }

    /** The release timer: VMs whose head frame now conforms join the order, and the uplink gets their frames. */
    private void releaseDue() {
        long now = clock.nanoTime();
        while (order.waiting.topKey() <= now) {
            VmSlot vm = table.slot(order.waiting.topSlot());
            long conformsAt = vm.conformsAt(WireBytes.of(slab.headLength(vm)) * (long) Byte.SIZE);
            if (conformsAt <= now) {
                wake(vm, now);
                order.makeReady(vm, now);
            } else {
                order.waiting.put(vm.index, conformsAt);
            }
        }
        armRelease();
        release(now);
    }

    void armRelease() {
        long due = order.waiting.topKey();
        if (due == Long.MAX_VALUE) {
            releaseTimer.cancel();
        } else if (!releaseTimer.armed() || releaseTimer.deadlineNanos() != due) {
            releaseTimer.armAt(due);
        }
    }

    /**
     * Why a VM's frames cannot go now, the reason a frame is dropped when its queue is full: the gate its head waits
     * for; else the gate that would hold the whole backlog back (a limit or shaping rate below what it is offered);
     * else higher-priority VMs with backlog; else its queue is simply full.
     */
    DropReason waitReason(VmSlot vm, long now) {
        if (vm.state == VmSlot.WAITING) {
            return vm.waitingFor();
        }
        if (vm.gated()) {
            long backlogBits = (vm.queuedBytes + (long) vm.queuedFrames * WIRE_OVERHEAD_BYTES) * Byte.SIZE;
            if (vm.conformsAt(backlogBits) > now) {
                return vm.waitingFor();
            }
        }
        if (order.higherPriorityReady(vm.priority)) {
            return DropReason.YIELDING_TO_HIGHER_PRIORITY;
        }
        return DropReason.QUEUE_FULL;
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
            unattributedDelivered++;
        }
    }

    @Override
    public void droppedDownstream(int port, DropReason reason) {
        int slot = table.slotOfPort(port);
        if (slot >= 0) {
            table.slot(slot).droppedDownstream[reason.ordinal()]++;
        } else {
            unattributedDropped++;
        }
    }

    private Decision unattributed(FrameBuffer frame) {
        if (!closed && !releasing && !order.anyReady() && port.ready()) {
            unattributedSent++;
            port.send(frame);
            return Decision.SEND;
        }
        unattributedDropped++;
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

    public void settingsChanged(ResourceSettings settings) {
        costMode = settings.costMode();
        queueLimitBytes = settings.queueLimitBytes();
        queueLimitFrames = settings.queueLimitFrames();
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
        releaseTimer.cancel();
        sampleTimer.cancel();
        intervalTimer.cancel();
        control.close();
    }

    public String uplink() {
        return uplink;
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
        return capacityBps;
    }

    /** What the uplink carries by its policy with every member up and selected: what reservations are admitted to. */
    public long admissibleCapacityBps() {
        return port.admissibleCapacityBps();
    }

    public UplinkUsage usage(long windowNanos) {
        return UplinkReports.usage(this, windowNanos);
    }

    public WhatIf whatIf(Collection<String> failedNics) {
        return UplinkReports.whatIf(this, failedNics);
    }

    private void sample() {
        long now = clock.nanoTime();
        history.sample(now, table);
        StarvationWatch.sample(this, now, ThroughputHistory.SAMPLE_NANOS, events);
        shareClock.rebase(table, order.shares);
        sampleTimer.armAt(sampleTimer.deadlineNanos() + ThroughputHistory.SAMPLE_NANOS);
    }

    private void nextInterval() {
        order.rollover();
        intervalTimer.armAt(intervalTimer.deadlineNanos() + intervalNanos);
        release(clock.nanoTime());
    }
}
