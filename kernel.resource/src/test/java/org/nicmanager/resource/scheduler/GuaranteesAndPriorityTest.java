package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;
import static org.nicmanager.resource.scheduler.SchedulerRig.withoutFloor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;

/** Reservations are met whatever the shares and priorities; priorities decide among the rest; suspension. */
class GuaranteesAndPriorityTest {

    @ParameterizedTest(name = "others with {0} shares at priority {1}, the reserved VM at priority {2}")
    @CsvSource({"1, 5, 5", "1000, 5, 5", "100000, 5, 5", "100000, 10, 0", "1, 0, 10"})
    void aThreeHundredMegabitReservationIsMetWhateverTheOtherVmsShares(int otherShares, int otherPriority,
            int reservedPriority) {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("reserved", 0, new NetworkAllocation(1, 300 * MBPS, 0, 0, 0, 0, 0, reservedPriority));
        for (int port = 1; port <= 4; port++) {
            rig.vm("other" + port, port, new NetworkAllocation(otherShares, 0, 0, 0, 0, 0, 0, otherPriority));
        }
        for (int port = 0; port <= 4; port++) {
            rig.backlogged(port, port == 0 ? 1514 : 64 + 300 * port);
        }
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        double reserved = rig.uplink.bps(0, from, rig.now());
        assertTrue(reserved >= 0.995 * 300 * MBPS, "the reserved VM got " + reserved + " bps");
        double total = 0;
        for (int port = 0; port <= 4; port++) {
            total += rig.uplink.bps(port, from, rig.now());
        }
        assertEquals(GBPS, total, 0.001 * GBPS, "work-conserving");
    }

    @Test
    void aReservationIsAFloorNotACap() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("reserved", 1, new NetworkAllocation(3000, 300 * MBPS, 0, 0, 0, 0, 0, 5));
        rig.vm("other", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(0.75, rig.share(1, from, rig.now(), GBPS), 0.01, "its shares give it more than its reservation");
    }

    /** Pure precedence, the floor turned off (0). */
    @Test
    void aLowerPriorityVmYieldsToHigherPriorityBacklogAndGetsWhatItLeaves() {
        SchedulerRig rig = new SchedulerRig(withoutFloor(), GBPS);
        rig.vm("high", 1, new NetworkAllocation(1, 0, 0, 0, 0, 0, 0, 8));
        rig.vm("low", 2, new NetworkAllocation(100_000, 0, 0, 0, 0, 0, 0, 2));
        TrafficSource high = rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(500 * MILLIS);

        assertEquals(1.0, rig.share(1, 100 * MILLIS, rig.now(), GBPS), 0.001, "higher priority goes first");
        VmUsage low = rig.usage("low");
        assertTrue(low.dropped().get(DropReason.YIELDING_TO_HIGHER_PRIORITY.name()) > 0);
        assertEquals(0, low.dropped().get(DropReason.QUEUE_FULL.name()));

        high.rate(400 * MBPS);
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(500 * MILLIS);
        assertEquals(0.4, rig.share(1, from, rig.now(), GBPS), 0.01);
        assertEquals(0.6, rig.share(2, from, rig.now(), GBPS), 0.01, "what higher priority leaves is not wasted");
    }

    @Test
    void aSuspendedVmKeepsItsQueueAndDropsOnlyWhatItIsOfferedWhileSuspended() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.vm("other", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(10 * MILLIS);
        int queued = rig.usage("vm").queuedFrames();
        assertTrue(queued > 0);

        rig.suspend("vm", true);
        long sentBefore = rig.usage("vm").sentFrames();
        rig.run(10 * MILLIS);
        VmUsage suspended = rig.usage("vm");
        assertEquals(queued, suspended.queuedFrames(), "the queue waits for the resume (patent [0124])");
        assertEquals(sentBefore, suspended.sentFrames(), "nothing leaves while suspended");
        assertTrue(suspended.dropped().get(DropReason.VM_SUSPENDED.name()) > 0, "new frames are dropped");

        rig.suspend("vm", false);
        rig.run(10 * MILLIS);
        assertTrue(rig.usage("vm").sentFrames() > sentBefore, "resumed, it sends again");
    }

    @Test
    void aFencedVmSendsNothingAndItsQueueIsDroppedNotOwner() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.vm("other", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(10 * MILLIS);
        int queued = rig.usage("vm").queuedFrames();
        assertTrue(queued > 0);

        rig.fence("vm", true);
        long sentBefore = rig.usage("vm").sentFrames();
        rig.run(10 * MILLIS);
        VmUsage fenced = rig.usage("vm");
        assertEquals(0, fenced.queuedFrames(), "a host that no longer owns the VM keeps none of its frames");
        assertEquals(sentBefore, fenced.sentFrames(), "nothing leaves while fenced");
        assertTrue(fenced.dropped().get(DropReason.NOT_OWNER.name()) >= queued, "queued and new frames are dropped"
                + " NOT_OWNER: " + fenced.dropped());
        assertEquals(0L, fenced.dropped().get(DropReason.VM_SUSPENDED.name()));
        assertTrue(rig.usage("other").sentFrames() > 0);

        rig.fence("vm", false);
        rig.run(10 * MILLIS);
        assertTrue(rig.usage("vm").sentFrames() > sentBefore, "confirmed as owner again, it sends again");
    }

    @Test
    void aVmFencedBeforeItConnectsIsFencedFromItsFirstFrame() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.fence("late", true);
        rig.vm("late", 1, shares(1000));
        rig.backlogged(1, 1514);
        rig.run(5 * MILLIS);
        VmUsage late = rig.usage("late");
        assertEquals(0, late.sentFrames());
        assertTrue(late.dropped().get(DropReason.NOT_OWNER.name()) > 0, late.dropped().toString());
    }
}
