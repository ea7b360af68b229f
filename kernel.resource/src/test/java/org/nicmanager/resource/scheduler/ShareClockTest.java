package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.resource.NetworkAllocation;

/** Virtual time: exact division over long runs, the lag bound, keys, and rebasing that changes no order. */
class ShareClockTest {

    @Test
    void chargesDivideExactlyOverALongRun() {
        ShareClock clock = new ShareClock(0);
        VmSlot vm = vm(0, 3, 5);
        for (int frame = 0; frame < 3_000; frame++) {
            clock.charge(vm, 1538, true);
        }
        assertEquals(1538 * 1_000 * ShareClock.TICKS_PER_UNIT, vm.virtualTime, "3000 x 1538 units / 3 shares");
    }

    @Test
    void aReturningVmIsBroughtToWithinItsLagBound() {
        ShareClock clock = new ShareClock(10_000);
        VmSlot busy = vm(0, 1000, 5);
        VmSlot idle = vm(1, 1000, 5);
        busy.lagTicks = clock.lagTicks(1000);
        idle.lagTicks = clock.lagTicks(1000);
        for (int frame = 0; frame < 1_000; frame++) {
            clock.charge(busy, 1538, true);
        }
        clock.activate(idle);
        double behind = clock.reportedSystemVirtualTime(5) - clock.reportedVirtualTime(idle);
        assertEquals(10_000 / 1000.0, behind, 1e-6, "lag bound 10000 units = 10 units per share behind");
    }

    @Test
    void keysOrderByCappedThenPriorityThenVirtualTime() {
        VmSlot high = vm(0, 1, 9);
        VmSlot low = vm(1, 1, 2);
        high.virtualTime = 1L << 50;
        assertTrue(ShareClock.key(high) < ShareClock.key(low), "priority before virtual time");
        high.capped = true;
        assertTrue(ShareClock.key(high) > ShareClock.key(low), "over the interval maximum goes last");
    }

    @Test
    void rebasingKeepsTheOrderAndTheReportedVirtualTime() {
        ShareClock clock = new ShareClock(1_000);
        VmTable table = new VmTable();
        SlotTournament order = new SlotTournament();
        VmSlot[] vms = new VmSlot[4];
        for (int i = 0; i < vms.length; i++) {
            vms[i] = table.connect(i, "vm" + i);
            vms[i].apply(new NetworkAllocation(1 + i, 0, 0, 0, 0, 0, 0, 5), false, 0);
            vms[i].lagTicks = clock.lagTicks(vms[i].shares);
        }
        order.ensureSlots(4);
        vms[0].virtualTime = ShareClock.REBASE_ABOVE_TICKS + 10;
        clock.charge(vms[0], 1, true); // the level's system virtual time passes the threshold
        for (int i = 1; i < 3; i++) {
            vms[i].virtualTime = ShareClock.REBASE_ABOVE_TICKS + 1_000 * i;
            order.put(i, ShareClock.key(vms[i]));
        }
        double before1 = clock.reportedVirtualTime(vms[1]);
        double before2 = clock.reportedVirtualTime(vms[2]);
        clock.rebase(table, order);

        assertTrue(vms[1].virtualTime < 1L << 40, "rebased far below the key's width");
        assertEquals(before1, clock.reportedVirtualTime(vms[1]), 1e-3);
        assertEquals(before2, clock.reportedVirtualTime(vms[2]), 1e-3);
        assertEquals(1, order.topSlot(), "the order is unchanged");
        assertEquals(ShareClock.key(vms[2]), order.key(2), "keys follow the virtual times");
        assertEquals(0, vms[3].virtualTime, "an idle VM far behind is brought up to the base, then to zero");
    }

    private static VmSlot vm(int index, int shares, int priority) {
        VmSlot vm = new VmSlot(index, "vm" + index);
        vm.apply(new NetworkAllocation(shares, 0, 0, 0, 0, 0, 0, priority), false, 0);
        return vm;
    }
}
