package org.nicmanager.resource.scheduler;

import java.util.Map;
import java.util.function.LongConsumer;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.resource.allocation.ResourceSettings;

/**
 * The control path of one {@link UplinkFrameScheduler}: VMs connecting and leaving, capacity changes ([0116]),
 * allocations put in force, reservations kept in priority order, suspension, settings. Runs on the world thread,
 * between frames; it may allocate.
 */
final class UplinkControl {

    private final UplinkState state;
    private final GatePlacement gates;
    /** The frame path's release: sends ready VMs' frames while the uplink takes them. */
    private final LongConsumer release;
    private final VmTable table;
    private final ServiceOrder order;
    private final VmAllocations allocations;
    private final ResourceEvents events;

    UplinkControl(UplinkState state, GatePlacement gates, LongConsumer release, VmAllocations allocations,
            ResourceEvents events) {
        this.state = state;
        this.gates = gates;
        this.release = release;
        this.table = state.table;
        this.order = state.order;
        this.allocations = allocations;
        this.events = events;
    }

    void connect(int port, String vm) {
        VmSlot slot = table.connect(port, vm);
        order.ensureSlots(table.count());
        state.history.ensureSlots(table.count());
        state.slab.ensureRoom((long) table.count() * state.queueLimitFrames);
        if (slot.ports == 1) {
            slot.suspended = allocations.suspended(vm);
            slot.fenced = allocations.fenced(vm);
            apply(slot, allocations.allocationOf(vm));
        }
    }

    /** The VM's last port leaving drops its queue with the reason it was waiting for. */
    void disconnect(int port) {
        VmSlot vm = table.disconnect(port);
        if (vm == null || vm.ports > 0) {
            return;
        }
        long now = state.clock.nanoTime();
        dropQueue(vm, gates.waitReason(vm, now));
        if (vm.reservationBps > 0 || vm.guaranteeBroken) {
            vm.reservationBps = 0;
            vm.guaranteeBroken = false;
            admitReservations();
        }
        release.accept(now);
    }

    void capacityChanged() {
        long previous = state.capacityBps;
        long capacity = state.port.capacityBps();
        state.capacityBps = capacity;
        if (capacity != previous) {
            String uplink = state.uplink;
            events.post(ResourceTopics.CAPACITY_CHANGED, uplink, uplink, "capacity of " + uplink + " is now "
                    + UplinkReports.rate(capacity) + ", was " + UplinkReports.rate(previous),
                    Map.of(ResourceTopics.CAPACITY_BPS, capacity, ResourceTopics.PREVIOUS_CAPACITY_BPS, previous));
            if (capacity < previous) {
                UplinkReports.announceOverShare(state, previous, events);
            }
            admitReservations();
        }
        release.accept(state.clock.nanoTime());
    }

    void allocationChanged(String vm, NetworkAllocation allocation) {
        VmSlot slot = table.find(vm);
        if (slot != null && slot.ports > 0) {
            apply(slot, allocation);
        }
    }

    void suspended(String vm, boolean suspended) {
        VmSlot slot = table.find(vm);
        if (slot == null) {
            return;
        }
        if (slot.suspended == suspended) {
            return;
        }
        slot.suspended = suspended;
        long now = state.clock.nanoTime();
        if (suspended) {
            order.makeIdle(slot, now); // out of service; its queue waits for the resume, untouched
        } else {
            gates.place(slot, now); // back in service where its queue left off: nothing lost, nothing twice
            release.accept(now);
        }
    }

    /** A fenced VM's queue is dropped at once: frames this host no longer owns are never sent, not even later. */
    void fenced(String vm, boolean fenced) {
        VmSlot slot = table.find(vm);
        if (slot == null || slot.fenced == fenced) {
            return;
        }
        slot.fenced = fenced;
        long now = state.clock.nanoTime();
        if (fenced) {
            dropQueue(slot, DropReason.NOT_OWNER);
        } else {
            gates.place(slot, now);
        }
        release.accept(now);
    }

    /** Queue bounds and the lag bound of the new settings, for every VM. */
    void settingsChanged(ResourceSettings settings) {
        ShareClock shareClock = state.shareClock;
        shareClock.setLagUnits(settings.lagBoundUnits());
        state.slab.ensureRoom((long) table.count() * settings.queueLimitFrames());
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot vm = table.slot(slot);
            vm.lagTicks = shareClock.lagTicks(vm.shares);
            if (vm.queuedFrames > settings.queueLimitFrames()) {
                vm.dropped[DropReason.QUEUE_FULL.ordinal()] += state.slab.truncate(vm,
                        settings.queueLimitFrames());
                gates.place(vm, state.clock.nanoTime());
            }
        }
    }

    void close() {
        state.capacityBps = 0;
        for (int slot = 0; slot < table.count(); slot++) {
            dropQueue(table.slot(slot), DropReason.NO_MEMBER_AVAILABLE);
        }
        table.disconnectAll();
    }

    /**
     * Puts an allocation in force: the gates keep what their buckets are drained by, virtual time is kept unless the
     * priority level changed.
     */
    private void apply(VmSlot vm, NetworkAllocation allocation) {
        long now = state.clock.nanoTime();
        NetworkAllocation before = vm.allocation;
        boolean sameReservation = before != null && before.reservationBps() == allocation.reservationBps();
        boolean samePriority = before != null && before.priority() == allocation.priority();
        order.makeIdle(vm, now);
        vm.apply(allocation, sameReservation && vm.reservationBps > 0, now);
        vm.lagTicks = state.shareClock.lagTicks(vm.shares);
        if (!samePriority) {
            state.shareClock.join(vm);
        }
        gates.place(vm, now);
        boolean reserves = allocation.reservationBps() > 0 || (before != null && before.reservationBps() > 0);
        if (reserves && (!sameReservation || !samePriority)) {
            admitReservations(); // only a VM with a reservation changes which reservations hold
        }
        release.accept(now);
    }

    /** Keeps reservations in priority order at the current capacity, announcing each one broken or restored. */
    private void admitReservations() {
        for (Guarantees.Verdict verdict : Guarantees.decide(table, state.capacityBps)) {
            VmSlot vm = verdict.vm();
            long inForce = verdict.holds() ? vm.allocation.reservationBps() : 0;
            if (vm.reservationBps != inForce) {
                vm.reservationBps = inForce;
                if (vm.state == VmSlot.READY) {
                    order.reorder(vm);
                }
            }
            if (verdict.holds() == vm.guaranteeBroken) {
                vm.guaranteeBroken = !verdict.holds();
                UplinkReports.announceGuarantee(state, vm, verdict.holds(), events);
            }
        }
    }

    private void dropQueue(VmSlot vm, DropReason reason) {
        vm.dropped[reason.ordinal()] += state.slab.releaseAll(vm);
        order.makeIdle(vm, state.clock.nanoTime());
    }
}
