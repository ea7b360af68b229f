package org.nicmanager.resource.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Says which VMs precedence starves ([0117]-[0118]), so that it is never silent: on each throughput sample, a VM that
 * was held back by higher priorities for at least half of the sample period, sample after sample for
 * {@link #ANNOUNCE_AFTER_NANOS}, is announced once ({@link ResourceTopics#STARVED}), naming the VMs served first;
 * a sample in which it was held back less ends the spell. Control path (the sample timer); allocation is fine.
 */
final class StarvationWatch {

    /** How long a spell lasts before it is announced: long enough that a burst of a higher priority is not one. */
    static final long ANNOUNCE_AFTER_NANOS = 100_000_000L;

    private StarvationWatch() {
    }

    /** One sample, {@code periodNanos} after the last. */
    static void sample(UplinkState state, long nowNanos, long periodNanos, ResourceEvents events) {
        VmTable table = state.table;
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot vm = table.slot(slot);
            long starved = state.order.starvedNanos(vm, nowNanos);
            long held = starved - vm.starvedAtSampleNanos;
            vm.starvedAtSampleNanos = starved;
            if (held * 2 < periodNanos) {
                vm.starvedSpellNanos = 0;
                continue;
            }
            boolean announce = vm.starvedSpellNanos < ANNOUNCE_AFTER_NANOS;
            vm.starvedSpellNanos += held;
            if (announce && vm.starvedSpellNanos >= ANNOUNCE_AFTER_NANOS) {
                announce(state, vm, starved, events);
            }
        }
    }

    private static void announce(UplinkState state, VmSlot vm, long starvedNanos,
            ResourceEvents events) {
        List<String> first = new ArrayList<>();
        VmTable table = state.table;
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot other = table.slot(slot);
            if (other.state == VmSlot.READY && other.priority > vm.priority) {
                first.add(other.vm + " (priority " + other.priority + ")");
            }
        }
        String floor = state.order.floorOn()
                ? "it gets its reservation and the per-interval floor (intervalMinUnits) only"
                : "the per-interval floor is off (intervalMinUnits 0), so it gets nothing beyond its reservation";
        events.post(ResourceTopics.STARVED, vm.vm, state.uplink, "VM " + vm.vm + " (priority " + vm.priority
                + ") on " + state.uplink + " has yielded to higher priorities for "
                + TimeSpan.format(vm.starvedSpellNanos) + " (starved " + TimeSpan.format(starvedNanos) + " in all):"
                + " precedence serves " + (first.isEmpty() ? "higher priorities" : String.join(", ", first))
                + " first; " + floor, Map.of(ResourceTopics.PRIORITY, vm.priority,
                        ResourceTopics.STARVED_NANOS, starvedNanos));
    }
}
