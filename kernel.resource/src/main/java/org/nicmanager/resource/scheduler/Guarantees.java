package org.nicmanager.resource.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which reservations an uplink keeps at a capacity ([0116]): in priority order (highest first, then the VM that
 * connected first), each reservation that still fits what is left is kept; one that does not fit is broken, and a
 * smaller one of lower priority may still fit after it. Control path.
 */
final class Guarantees {

    /** A VM with a reservation, and whether it holds at the capacity asked about. */
    record Verdict(VmSlot vm, boolean holds) {
    }

    private static final Comparator<VmSlot> PRIORITY_ORDER = Comparator.<VmSlot>comparingInt(vm -> -vm.priority)
            .thenComparingInt(vm -> vm.index);

    private Guarantees() {
    }

    /** The verdict for every connected VM with a configured reservation, in priority order. */
    static List<Verdict> decide(VmTable table, long capacityBps) {
        List<VmSlot> reserved = new ArrayList<>();
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot vm = table.slot(slot);
            if (vm.ports > 0 && vm.allocation.reservationBps() > 0) {
                reserved.add(vm);
            }
        }
        reserved.sort(PRIORITY_ORDER);
        List<Verdict> verdicts = new ArrayList<>(reserved.size());
        long left = capacityBps;
        for (VmSlot vm : reserved) {
            long reservation = vm.allocation.reservationBps();
            boolean holds = reservation <= left;
            if (holds) {
                left -= reservation;
            }
            verdicts.add(new Verdict(vm, holds));
        }
        return verdicts;
    }

    /** Reservations of connected VMs other than {@code vm}, in bits per second. */
    static long reservedByOthers(VmTable table, String vm) {
        long reserved = 0;
        for (int slot = 0; slot < table.count(); slot++) {
            VmSlot other = table.slot(slot);
            if (other.ports > 0 && !other.vm.equals(vm)) {
                reserved += other.allocation.reservationBps();
            }
        }
        return reserved;
    }
}
