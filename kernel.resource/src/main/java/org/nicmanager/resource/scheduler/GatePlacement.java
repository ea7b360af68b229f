package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.resource.allocation.WireBytes;

/**
 * Where a backlogged VM stands in the service order, by what its gates (limit, shaping) allow its head frame: ready
 * now, or waiting until a kernel timer says it conforms. Frame path and control path; no allocation.
 */
final class GatePlacement {

    /** FCS, preamble and gap: what a frame of 64 bytes or more adds on the wire. */
    private static final int WIRE_OVERHEAD_BYTES = WireBytes.FCS_BYTES + WireBytes.PREAMBLE_AND_GAP_BYTES;

    private final UplinkState state;
    private final Timer releaseTimer;

    /** {@code releaseDue} runs when the earliest waiting VM's head frame may conform. */
    GatePlacement(UplinkState state, Runnable releaseDue) {
        this.state = state;
        this.releaseTimer = state.clock.newTimer("resource/" + state.uplink + "/release", releaseDue);
    }

    /** When the head frame of a VM would conform to its gates, {@code Long.MIN_VALUE} for an empty queue. */
    private long headConformsAt(VmSlot vm) {
        return vm.conformsAt(WireBytes.of(state.slab.headLength(vm)) * (long) Byte.SIZE);
    }

    /** After a frame left a ready VM: it goes idle, waits for a gate, or takes its new place in the order. */
    void settle(VmSlot vm, long now) {
        if (state.slab.headLength(vm) < 0) {
            state.order.makeIdle(vm, now);
            return;
        }
        long conformsAt = headConformsAt(vm);
        if (conformsAt > now) {
            state.order.makeWaiting(vm, conformsAt, now);
            armRelease();
        } else {
            state.order.reorder(vm);
        }
    }

    /**
     * A VM whose queue is not empty joins the order, or waits for the gate its head frame needs; a suspended VM stays
     * out of service with its queue. Control path.
     */
    void place(VmSlot vm, long now) {
        if (state.slab.headLength(vm) < 0 || vm.suspended || vm.fenced) {
            state.order.makeIdle(vm, now);
            return;
        }
        long conformsAt = headConformsAt(vm);
        if (conformsAt > now) {
            state.order.makeWaiting(vm, conformsAt, now);
        } else {
            wake(vm, now);
            state.order.makeReady(vm, now);
        }
        armRelease();
    }

    /** A VM becomes backlogged: its virtual time within the lag bound, its reservation owed from now at the latest. */
    void wake(VmSlot vm, long now) {
        state.shareClock.activate(vm);
        if (vm.reservationDueNanos < now) {
            vm.reservationDueNanos = now;
        }
    }

    /** The release timer fired: VMs whose head frame now conforms join the order. */
    void admitConforming(long now) {
        ServiceOrder order = state.order;
        while (order.waiting.topKey() <= now) {
            VmSlot vm = state.table.slot(order.waiting.topSlot());
            long conformsAt = headConformsAt(vm);
            if (conformsAt <= now) {
                wake(vm, now);
                order.makeReady(vm, now);
            } else {
                order.waiting.put(vm.index, conformsAt);
            }
        }
        armRelease();
    }

    void armRelease() {
        long due = state.order.waiting.topKey();
        if (due == Long.MAX_VALUE) {
            releaseTimer.cancel();
        } else if (!releaseTimer.armed() || releaseTimer.deadlineNanos() != due) {
            releaseTimer.armAt(due);
        }
    }

    void cancel() {
        releaseTimer.cancel();
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
        if (state.order.higherPriorityReady(vm.priority)) {
            return DropReason.YIELDING_TO_HIGHER_PRIORITY;
        }
        return DropReason.QUEUE_FULL;
    }
}
