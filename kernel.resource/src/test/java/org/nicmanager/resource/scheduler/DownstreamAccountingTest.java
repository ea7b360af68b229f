package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;

/**
 * Issue 13 point 4: a VM's figures include what became of its frames after the scheduler let them go. The uplink
 * reports each one (transmitted, or dropped downstream with a reason, as a bond of mixed MTUs or a pulled cable does),
 * and per VM offered = delivered + dropped (the scheduler's and downstream) + queued (in its queue or in the uplink).
 */
class DownstreamAccountingTest {

    @Test
    void downstreamDropsAndDeliveriesAreCountedAgainstTheVmThatSentTheFrames() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("jumbo", 3, shares(1000));
        rig.vm("other", 4, shares(1000));
        rig.uplink.reportFates(2, DropReason.TOO_LONG, false); // every other frame lost downstream, as in the issue
        TrafficSource jumbo = rig.source(3, 9014, 300 * MBPS);
        TrafficSource other = rig.source(4, 1514, 100 * MBPS);
        rig.run(50 * MILLIS);

        VmUsage usage = rig.usage("jumbo");
        assertTrue(usage.sentFrames() > 100, "the VM sent: " + usage);
        long droppedDownstream = usage.droppedDownstream().getOrDefault("TOO_LONG", 0L);
        assertTrue(droppedDownstream > 0, "the uplink's drops reach the VM's figures: " + usage);
        assertEquals(Map.of("TOO_LONG", droppedDownstream), usage.droppedDownstream(), "only the reason that occurred");
        assertEquals(usage.sentFrames(), usage.deliveredFrames() + droppedDownstream, "each sent frame has its fate");
        assertEquals(0, usage.inUplinkFrames());
        assertBalanced(usage, jumbo);
        assertBalanced(rig.usage("other"), other);
    }

    @Test
    void framesWhoseFateIsNotKnownYetAreQueuedInTheUplink() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.uplink.reportFates(3, DropReason.NO_MEMBER_AVAILABLE, true); // on a ring, say, when the cable is pulled
        TrafficSource source = rig.source(1, 1514, 200 * MBPS);
        rig.run(10 * MILLIS);

        VmUsage waiting = rig.usage("vm");
        assertTrue(waiting.sentFrames() > 0);
        assertEquals(0, waiting.deliveredFrames());
        assertEquals(waiting.sentFrames(), waiting.inUplinkFrames(), "sent, and neither delivered nor dropped yet");
        assertBalanced(waiting, source);

        rig.uplink.reportFates();
        VmUsage reported = rig.usage("vm");
        assertEquals(0, reported.inUplinkFrames());
        assertEquals(reported.sentFrames() / 3, reported.droppedDownstream().get("NO_MEMBER_AVAILABLE"));
        assertBalanced(reported, source);
    }

    @Test
    void fatesOfPortsNoVmConnectsAreNotAttributedToAnyVm() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.scheduler.transmitted(9);
        rig.scheduler.droppedDownstream(9, DropReason.TOO_LONG);
        VmUsage usage = rig.usage("vm");
        assertEquals(0, usage.deliveredFrames());
        assertEquals(Map.of(), usage.droppedDownstream());
        assertEquals(1, rig.scheduler.usage(MILLIS).unattributedDropped());
    }

    /** offered = delivered + every drop + everything still waiting, from the VM's figures alone. */
    private static void assertBalanced(VmUsage usage, TrafficSource source) {
        long dropped = usage.dropped().values().stream().mapToLong(Long::longValue).sum()
                + usage.droppedDownstream().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(source.offered, usage.offeredFrames());
        assertEquals(usage.offeredFrames(), usage.deliveredFrames() + dropped + usage.queuedFrames()
                + usage.inUplinkFrames(), usage.toString());
    }
}
