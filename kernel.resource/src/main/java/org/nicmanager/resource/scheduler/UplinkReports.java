package org.nicmanager.resource.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.lib.units.Rate;

/** What a scheduler reports and announces: usage, what-if answers and events. Control path; allocation is fine. */
final class UplinkReports {

    /** The reasons the resource manager drops for, in the order reports list them. */
    static final List<DropReason> RESOURCE_REASONS = List.of(DropReason.OVER_LIMIT, DropReason.SHAPING,
            DropReason.QUEUE_FULL, DropReason.YIELDING_TO_HIGHER_PRIORITY, DropReason.VM_SUSPENDED,
            DropReason.NO_MEMBER_AVAILABLE, DropReason.NOT_OWNER);
    /** What a VM offers is measured over this much recent history when a failure is judged. */
    static final long DEMAND_WINDOW_NANOS = 100_000_000L;
    /** What-if answers measure offers over a longer window, for steadier figures. */
    static final long WHAT_IF_WINDOW_NANOS = 1_000_000_000L;
    /** Measured rates wobble by a frame or so; a VM is over its share only beyond this fraction. */
    private static final double TOLERANCE = 0.01;
    private static final double NANOS_PER_SECOND = 1e9;

    private UplinkReports() {
    }

    static UplinkUsage usage(UplinkState state, long windowNanos) {
        long now = state.clock.nanoTime();
        List<VmUsage> vms = new ArrayList<>();
        VmTable table = state.table;
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot vm = table.slot(slot);
            ThroughputHistory.Mark mark = state.history.since(slot, now, windowNanos);
            long span = now - mark.atNanos();
            Map<String, Long> dropped = new LinkedHashMap<>();
            for (DropReason reason : RESOURCE_REASONS) {
                dropped.put(reason.name(), vm.dropped[reason.ordinal()]);
            }
            Map<String, Long> downstream = new LinkedHashMap<>();
            for (DropReason reason : DropReason.values()) {
                if (vm.droppedDownstream[reason.ordinal()] > 0) {
                    downstream.put(reason.name(), vm.droppedDownstream[reason.ordinal()]);
                }
            }
            vms.add(new VmUsage(vm.vm, state.uplink, vm.ports > 0, vm.priority, vm.shares,
                    vm.allocation.reservationBps(), !vm.guaranteeBroken, vm.allocation.limitBps(),
                    vm.allocation.averageBps(), vm.offeredFrames, vm.offeredWireBytes, vm.sentFrames,
                    vm.sentWireBytes, vm.queuedFrames, vm.queuedBytes, vm.queuedTotal, dropped,
                    state.shareClock.reportedVirtualTime(vm), span,
                    bitsPerSecond(vm.offeredWireBytes - mark.offeredWireBytes(), span),
                    bitsPerSecond(vm.sentWireBytes - mark.sentWireBytes(), span), vm.deliveredFrames, downstream,
                    guarantee(vm), state.capacityBps, state.order.starvedNanos(vm, now)));
        }
        return new UplinkUsage(state.uplink, now, state.capacityBps, state.admissibleCapacityBps(),
                state.port.nics(), vms, state.unattributedSent, state.unattributedDropped);
    }

    private static VmUsage.Guarantee guarantee(VmSlot vm) {
        if (vm.ports == 0 || vm.allocation.reservationBps() == 0) {
            return null;
        }
        return vm.guaranteeBroken ? VmUsage.Guarantee.BROKEN : VmUsage.Guarantee.HOLDS;
    }

    static WhatIf whatIf(UplinkState state, Collection<String> failedNics) {
        long after = state.port.capacityWithoutBps(failedNics);
        List<VmSlot> vms = connected(state.table);
        long[] offered = offeredBps(state, vms, WHAT_IF_WINDOW_NANOS);
        long[] expected = expected(vms, offered, after, state.table);
        Map<VmSlot, Boolean> holds = holds(state.table, after);
        List<WhatIf.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            VmSlot vm = vms.get(i);
            verdicts.add(new WhatIf.Verdict(vm.vm, vm.priority, vm.shares, vm.allocation.reservationBps(),
                    holds.getOrDefault(vm, Boolean.TRUE), vm.allocation.limitBps(), offered[i], expected[i],
                    expected[i] >= demand(vm, offered[i]) * (1 - TOLERANCE)));
        }
        return new WhatIf(state.uplink, List.copyOf(failedNics), state.capacityBps, after, verdicts);
    }

    /** After the capacity fell: each VM that was within its share and now offers more than it is announced. */
    static void announceOverShare(UplinkState state, long previousBps, ResourceEvents events) {
        List<VmSlot> vms = connected(state.table);
        long[] offered = offeredBps(state, vms, DEMAND_WINDOW_NANOS);
        long[] before = expected(vms, offered, previousBps, state.table);
        long[] now = expected(vms, offered, state.capacityBps, state.table);
        for (int i = 0; i < vms.size(); i++) {
            boolean wasWithin = offered[i] <= before[i] * (1 + TOLERANCE);
            boolean isOver = offered[i] > now[i] * (1 + TOLERANCE);
            if (offered[i] > 0 && wasWithin && isOver) {
                VmSlot vm = vms.get(i);
                events.post(ResourceTopics.OVER_SHARE, vm.vm, state.uplink, "VM " + vm.vm + " offers "
                        + rate(offered[i]) + " but its share of " + state.uplink + " at "
                        + rate(state.capacityBps) + " is now " + rate(now[i])
                        + ": frames beyond it are queued, and dropped when its queue is full",
                        Map.of(ResourceTopics.OFFERED_BPS, offered[i], ResourceTopics.ENTITLED_BPS, now[i],
                                ResourceTopics.CAPACITY_BPS, state.capacityBps,
                                ResourceTopics.PRIORITY, vm.priority));
            }
        }
    }

    static void announceGuarantee(UplinkState state, VmSlot vm, boolean holds, ResourceEvents events) {
        long reservation = vm.allocation.reservationBps();
        long admissible = state.admissibleCapacityBps();
        String details = holds
                ? "reservation " + rate(reservation) + " of VM " + vm.vm + " on " + state.uplink
                        + " holds now, at " + rate(state.capacityBps)
                : "reservation " + rate(reservation) + " of VM " + vm.vm + " (priority " + vm.priority + ") on "
                        + state.uplink + " is broken: the " + rate(state.capacityBps) + " it carries now ("
                        + rate(admissible) + " with every member up and selected) cannot carry it after the"
                        + " reservations kept in priority order";
        events.post(holds ? ResourceTopics.GUARANTEE_RESTORED : ResourceTopics.GUARANTEE_BROKEN, vm.vm,
                state.uplink, details, Map.of(ResourceTopics.RESERVATION_BPS, reservation,
                        ResourceTopics.CAPACITY_BPS, state.capacityBps, ResourceTopics.ADMISSIBLE_CAPACITY_BPS,
                        admissible, ResourceTopics.PRIORITY, vm.priority));
    }

    static String rate(long bps) {
        return new Rate(bps, Rate.Unit.BITS_PER_SECOND).toString();
    }

    private static List<VmSlot> connected(VmTable table) {
        List<VmSlot> vms = new ArrayList<>();
        for (int slot = 0; slot < table.count(); slot++) {
            if (table.slot(slot).ports > 0) {
                vms.add(table.slot(slot));
            }
        }
        return vms;
    }

    private static long[] offeredBps(UplinkState state, List<VmSlot> vms, long windowNanos) {
        long now = state.clock.nanoTime();
        long[] offered = new long[vms.size()];
        for (int i = 0; i < vms.size(); i++) {
            VmSlot vm = vms.get(i);
            ThroughputHistory.Mark mark = state.history.since(vm.index, now, windowNanos);
            offered[i] = bitsPerSecond(vm.offeredWireBytes - mark.offeredWireBytes(), now - mark.atNanos());
        }
        return offered;
    }

    /** What each VM could expect at {@code capacityBps}, given what it offers. */
    private static long[] expected(List<VmSlot> vms, long[] offered, long capacityBps, VmTable table) {
        Map<VmSlot, Boolean> holds = holds(table, capacityBps);
        int[] priority = new int[vms.size()];
        int[] shares = new int[vms.size()];
        long[] demand = new long[vms.size()];
        long[] held = new long[vms.size()];
        for (int i = 0; i < vms.size(); i++) {
            VmSlot vm = vms.get(i);
            priority[i] = vm.priority;
            shares[i] = vm.shares;
            demand[i] = demand(vm, offered[i]);
            held[i] = holds.getOrDefault(vm, Boolean.FALSE) ? vm.allocation.reservationBps() : 0;
        }
        return Entitlements.estimate(capacityBps, priority, shares, demand, held);
    }

    private static Map<VmSlot, Boolean> holds(VmTable table, long capacityBps) {
        Map<VmSlot, Boolean> holds = new IdentityHashMap<>();
        for (Guarantees.Verdict verdict : Guarantees.decide(table, capacityBps)) {
            holds.put(verdict.vm(), verdict.holds());
        }
        return holds;
    }

    /** What a VM would send: what it offers, capped by its limit and its shaping average. */
    private static long demand(VmSlot vm, long offeredBps) {
        long demand = offeredBps;
        if (vm.allocation.limitBps() > 0) {
            demand = Math.min(demand, vm.allocation.limitBps());
        }
        if (vm.allocation.averageBps() > 0) {
            demand = Math.min(demand, vm.allocation.averageBps());
        }
        return demand;
    }

    private static long bitsPerSecond(long wireBytes, long spanNanos) {
        return spanNanos <= 0 ? 0 : (long) (wireBytes * 8.0 * NANOS_PER_SECOND / spanNanos);
    }
}
