package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.resource.NetworkAllocation;

/**
 * The service order's shares phase: VMs that left keep their place lazily and are never served while out; a VM that
 * becomes ready is said to be served first only when it is.
 */
class ServiceOrderTest {

    private static final int VMS = 64;

    @Test
    void servesOnlyReadyVmsLowestVirtualTimeFirst() {
        VmTable table = new VmTable();
        ServiceOrder order = new ServiceOrder(table);
        order.ensureSlots(VMS);
        for (int i = 0; i < VMS; i++) {
            table.connect(i, "vm" + i).apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 5), false, 0);
        }
        Random random = new Random(11);
        for (int step = 0; step < 100_000; step++) {
            VmSlot vm = table.slot(random.nextInt(VMS));
            switch (random.nextInt(4)) {
                case 0 -> order.makeIdle(vm, step);
                case 1 -> order.makeWaiting(vm, 1_000 + step, step);
                default -> {
                    vm.virtualTime += random.nextInt(1_000);
                    order.makeReady(vm, step);
                }
            }
            int served = order.next(0);
            VmSlot lowest = lowestReady(table);
            if (lowest == null) {
                assertEquals(-1, served, "nothing is ready");
                assertFalse(order.anyReady());
            } else {
                assertTrue(order.anyReady());
                assertEquals(ServiceOrder.SHARES, order.phase());
                assertEquals(VmSlot.READY, table.slot(served).state, "a VM that left is never served");
                assertEquals(lowest.virtualTime, table.slot(served).virtualTime, "the lowest virtual time goes first");
            }
        }
    }

    @Test
    void aVmServedFirstIsBelowEveryReadyVm() {
        VmTable table = new VmTable();
        ServiceOrder order = new ServiceOrder(table);
        order.ensureSlots(VMS);
        for (int i = 0; i < VMS; i++) {
            table.connect(i, "vm" + i).apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 1 + i % 3), false, 0);
        }
        Random random = new Random(5);
        int servedFirst = 0;
        for (int step = 0; step < 100_000; step++) {
            VmSlot vm = table.slot(random.nextInt(VMS));
            if (random.nextBoolean()) {
                order.makeIdle(vm, step);
            } else {
                vm.virtualTime += random.nextInt(1_000);
                order.makeReady(vm, step);
            }
            VmSlot candidate = table.slot(random.nextInt(VMS));
            if (candidate.state != VmSlot.IDLE) {
                continue;
            }
            candidate.virtualTime += random.nextInt(1_000) - 500;
            if (order.servesFirst(candidate, 0)) {
                servedFirst++;
                for (int i = 0; i < VMS; i++) {
                    VmSlot other = table.slot(i);
                    if (other.state == VmSlot.READY) {
                        assertTrue(ShareClock.key(candidate) < ShareClock.key(other),
                                "served first only below every ready VM (priority, then virtual time)");
                    }
                }
            }
        }
        assertTrue(servedFirst > 100, "the case arose " + servedFirst + " times");
    }

    /** [0097] before [0117]: a VM owed its interval floor goes before every higher priority, then yields to them. */
    @Test
    void aVmOwedItsFloorGoesBeforeHigherPrioritiesThenYieldsToThem() {
        VmTable table = new VmTable();
        ServiceOrder order = new ServiceOrder(table);
        order.ensureSlots(2);
        order.setIntervalUnits(3_000, 0);
        VmSlot high = table.connect(0, "high");
        high.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 8), false, 0);
        VmSlot low = table.connect(1, "low");
        low.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 5), false, 0);
        order.rollover();
        order.makeReady(high, 0);
        order.makeReady(low, 0);
        int[] served = new int[2];
        for (int frame = 0; frame < 6; frame++) {
            int slot = order.next(0);
            VmSlot vm = table.slot(slot);
            served[slot]++;
            order.countUnits(vm, 1_538);
            if (order.phase() == ServiceOrder.FLOOR) {
                order.floorServed(vm);
            } else {
                order.reorder(vm);
            }
            if (frame < 4) {
                assertEquals(ServiceOrder.FLOOR, order.phase(), "frame " + frame + ": both are owed their floor");
            } else {
                assertEquals(ServiceOrder.SHARES, order.phase());
                assertEquals(high.index, slot, "floors met, precedence rules");
            }
        }
        assertEquals(2, served[low.index], "low got its floor (two frames of 1,538 reach 3,000 units)");
        order.rollover();
        assertEquals(ServiceOrder.FLOOR, phaseOfNext(order), "a new interval owes the floor anew");
    }

    @Test
    void noVmIsServedPastTheQueueWhileAFloorIsOwed() {
        VmTable table = new VmTable();
        ServiceOrder order = new ServiceOrder(table);
        order.ensureSlots(2);
        order.setIntervalUnits(3_000, 0);
        VmSlot low = table.connect(0, "low");
        low.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 1), false, 0);
        VmSlot high = table.connect(1, "high");
        high.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 9), false, 0);
        order.makeReady(low, 0);
        assertFalse(order.servesFirst(high, 0), "low is owed its floor: it goes before high");
        order.countUnits(low, 3_000);
        order.next(0); // low has its floor: it leaves the floor ring
        assertTrue(order.servesFirst(high, 0), "no floor owed: high's priority puts it first");
    }

    private static int phaseOfNext(ServiceOrder order) {
        order.next(0);
        return order.phase();
    }

    private static VmSlot lowestReady(VmTable table) {
        VmSlot lowest = null;
        for (int i = 0; i < table.count(); i++) {
            VmSlot vm = table.slot(i);
            if (vm.state == VmSlot.READY && (lowest == null || vm.virtualTime < lowest.virtualTime)) {
                lowest = vm;
            }
        }
        return lowest;
    }
}
