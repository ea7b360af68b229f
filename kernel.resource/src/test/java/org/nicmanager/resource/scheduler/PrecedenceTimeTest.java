package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.resource.NetworkAllocation;

/** Starved time by the level clocks: only the time a higher priority was ready too counts, spells add up. */
class PrecedenceTimeTest {

    @Test
    void eachLevelCountsTheTimeAHigherPriorityWasReady() {
        PrecedenceTime time = new PrecedenceTime();
        time.highestReady(8, 100);
        assertEquals(50, time.heldNanos(5, 150));
        assertEquals(0, time.heldNanos(8, 150), "a level does not hold itself back");
        time.highestReady(6, 200);
        assertEquals(100, time.heldNanos(5, 200));
        assertEquals(100, time.heldNanos(7, 300), "level 7 was held back only while 8 was ready");
        time.highestReady(-1, 300);
        assertEquals(200, time.heldNanos(5, 1_000), "nothing ready: the clocks stop");
    }

    @Test
    void aVmIsStarvedOnlyWhileItAndAHigherPriorityAreBothReady() {
        VmTable table = new VmTable();
        ServiceOrder order = new ServiceOrder(table);
        order.ensureSlots(2);
        VmSlot high = table.connect(0, "high");
        high.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 8), false, 0);
        VmSlot low = table.connect(1, "low");
        low.apply(new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 5), false, 0);

        order.makeReady(low, 0);
        order.makeReady(high, 100); // low alone for 100 ns: not starved
        assertEquals(0, order.starvedNanos(low, 100));
        order.makeIdle(high, 400);
        assertEquals(300, order.starvedNanos(low, 1_000));
        order.makeWaiting(low, 2_000, 1_000);
        order.makeReady(high, 1_500); // high ready, low waits for a gate: not starved
        order.makeReady(low, 2_000);
        assertEquals(350, order.starvedNanos(low, 2_050), "a spell in progress counts");
        order.makeIdle(low, 2_100);
        assertEquals(400, order.starvedNanos(low, 9_000));
        assertEquals(0, order.starvedNanos(high, 9_000));
    }
}
