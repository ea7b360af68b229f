package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceTopics;

/** [0116]: capacity is recomputed when members change, and shares and guarantees follow at once. */
class CapacityChangeTest {

    @Test
    void aVmUsingFifteenPercentOfItsTwentyPercentShareIsCutBackWhenANicFailsAndAnEventSaysSo() {
        SchedulerRig rig = new SchedulerRig(GBPS, GBPS);
        rig.vm("small", 1, shares(1000)); // 20% of the shares
        rig.vm("large", 2, shares(4000));
        rig.source(1, 1514, 300 * MBPS); // 15% of the bond
        rig.backlogged(2, 1514);
        rig.run(500 * MILLIS);
        long before = rig.now();
        assertEquals(300 * MBPS, rig.uplink.bps(1, before - 400 * MILLIS, before), 0.01 * 300 * MBPS,
                "within its share it gets all it offers");
        assertEquals(0, rig.usage("small").dropped().get(DropReason.QUEUE_FULL.name()));

        rig.uplink.fail("nic1");
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(200 * MBPS, rig.uplink.bps(1, from, rig.now()), 0.01 * 200 * MBPS,
                "20% of the 1 Gb/s left");
        VmUsage small = rig.usage("small");
        assertTrue(small.dropped().get(DropReason.QUEUE_FULL.name()) > 0, "frames beyond its share are dropped");
        assertTrue(small.queuedFrames() > 0, "and queued up to the queue's bound");
        List<SchedulerRig.Announcement> overShare = rig.events(ResourceTopics.OVER_SHARE);
        assertEquals(1, overShare.size(), "only the VM that was within its share is announced: " + overShare);
        assertEquals("small", overShare.get(0).subject());
        assertEquals(200 * MBPS, (long) overShare.get(0).numbers().get(ResourceTopics.ENTITLED_BPS), 1 * MBPS);
        assertEquals(300 * MBPS, (long) overShare.get(0).numbers().get(ResourceTopics.OFFERED_BPS), 3 * MBPS);
        List<SchedulerRig.Announcement> capacity = rig.events(ResourceTopics.CAPACITY_CHANGED);
        assertEquals(1, capacity.size());
        assertEquals(GBPS, capacity.get(0).numbers().get(ResourceTopics.CAPACITY_BPS));
    }

    @Test
    void whenReservationsNoLongerFitTheyAreKeptInPriorityOrderAndEachBrokenOneIsAnnounced() {
        SchedulerRig rig = new SchedulerRig(GBPS, GBPS);
        rig.vm("gold", 1, reservation(600, 8));
        rig.vm("silver", 2, reservation(600, 3));
        rig.vm("bronze", 3, reservation(300, 1));
        rig.vm("filler", 4, new NetworkAllocation(100_000, 0, 0, 0, 0, 0, 0, 10));
        for (int port = 1; port <= 4; port++) {
            rig.backlogged(port, 1514);
        }
        rig.run(300 * MILLIS);
        assertTrue(rig.events(ResourceTopics.GUARANTEE_BROKEN).isEmpty(), "1.5 Gb/s of reservations fit 2 Gb/s");

        rig.uplink.fail("nic0");
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        List<SchedulerRig.Announcement> broken = rig.events(ResourceTopics.GUARANTEE_BROKEN);
        assertEquals(List.of("silver"), broken.stream().map(SchedulerRig.Announcement::subject).toList(),
                "gold (priority 8) is kept, silver (3) no longer fits, bronze (1) still fits after it");
        assertEquals(600 * MBPS, (long) broken.get(0).numbers().get(ResourceTopics.RESERVATION_BPS));
        assertTrue(rig.uplink.bps(1, from, rig.now()) >= 0.99 * 600 * MBPS, "gold keeps its 600 Mb/s");
        assertTrue(rig.uplink.bps(3, from, rig.now()) >= 0.99 * 300 * MBPS, "bronze keeps its 300 Mb/s");
        assertTrue(!rig.usage("silver").reservationHolds());

        rig.uplink.repair("nic0");
        rig.run(100 * MILLIS);
        assertEquals(List.of("silver"), rig.events(ResourceTopics.GUARANTEE_RESTORED).stream()
                .map(SchedulerRig.Announcement::subject).toList());
        long after = rig.now();
        rig.run(SECOND);
        assertTrue(rig.uplink.bps(2, after, rig.now()) >= 0.99 * 600 * MBPS, "silver has its 600 Mb/s again");
    }

    @Test
    void withNoMemberLeftFramesAreDroppedAsNoMemberAvailableAndQueuedOnesWaitForTheFailback() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.backlogged(1, 1514);
        rig.run(10 * MILLIS);
        rig.uplink.fail("nic0");
        int queued = rig.usage("vm").queuedFrames();
        rig.run(10 * MILLIS);

        VmUsage usage = rig.usage("vm");
        assertTrue(usage.dropped().get(DropReason.NO_MEMBER_AVAILABLE.name()) > 0);
        assertEquals(queued, usage.queuedFrames(), "queued frames stay for the failback");
        rig.uplink.repair("nic0");
        rig.sources.get(0).stop();
        rig.run(100 * MILLIS);
        assertEquals(0, rig.usage("vm").queuedFrames(), "and leave once a member is back");
    }

    private static NetworkAllocation reservation(long mbps, int priority) {
        return new NetworkAllocation(1000, mbps * MBPS, 0, 0, 0, 0, 0, priority);
    }
}
