package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.Decision;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;

/** Every frame is accounted for: offered = sent + queued + dropped by reason, per VM, whatever happens. */
class AccountingTest {

    @Test
    void offeredEqualsSentPlusQueuedPlusDroppedThroughFailuresSuspensionsAndReallocations() {
        Random random = new Random(20_031_005L);
        SchedulerRig rig = new SchedulerRig(GBPS, GBPS);
        for (int vm = 0; vm < 8; vm++) {
            rig.vm("vm" + vm, vm, allocation(random));
            rig.source(vm, 64 + random.nextInt(1451), (100 + random.nextInt(900)) * MBPS);
        }
        for (int step = 0; step < 40; step++) {
            rig.run(random.nextInt(20) * MILLIS);
            switch (random.nextInt(6)) {
                case 0 -> rig.uplink.fail("nic" + random.nextInt(2));
                case 1 -> rig.uplink.repair("nic" + random.nextInt(2));
                case 2 -> rig.suspend("vm" + random.nextInt(8), random.nextBoolean());
                case 3 -> rig.reallocate("vm" + random.nextInt(8), allocation(random));
                default -> { }
            }
            assertBalanced(rig);
        }
        for (TrafficSource source : rig.sources) {
            assertEquals(0, source.poolMisses);
            assertEquals(source.offered, source.sent + source.queued + source.dropped);
        }
        rig.scheduler.close();
        for (int vm = 0; vm < 8; vm++) {
            VmUsage usage = rig.usage("vm" + vm);
            assertEquals(0, usage.queuedFrames(), "closing drops what was queued");
        }
        assertBalanced(rig);
        assertEquals(rig.pool.size(), rig.pool.available() + inFlight(rig), "every buffer went back to the pool");
    }

    @Test
    void aDisconnectedVmsQueuedFramesAreDroppedWithItsReason() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("limited", 1, new NetworkAllocation(1000, 0, 10 * MBPS, 0, 0, 0, 0, 5));
        TrafficSource source = rig.backlogged(1, 1514);
        rig.run(50 * MILLIS);
        source.stop();
        int queued = rig.usage("limited").queuedFrames();
        long overLimit = rig.usage("limited").dropped().get(DropReason.OVER_LIMIT.name());
        assertTrue(queued > 0);

        rig.scheduler.disconnect(1);
        VmUsage usage = rig.usage("limited");
        assertEquals(0, usage.queuedFrames());
        assertEquals(overLimit + queued, usage.dropped().get(DropReason.OVER_LIMIT.name()));
        assertBalanced(rig);
    }

    @Test
    void aSmallerQueueBoundDropsWhatNoLongerFitsAsQueueFull() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("vm", 1, shares(1000));
        rig.backlogged(1, 1514);
        rig.run(10 * MILLIS);
        assertEquals(256, rig.usage("vm").queuedFrames());
        long queueFull = rig.usage("vm").dropped().get(DropReason.QUEUE_FULL.name());

        rig.scheduler.settingsChanged(new ResourceSettings(CostMode.BYTES, 65_536, 10 * MILLIS, 0, 0, 16, 16 * 1514,
                1, 100_000, 1000));
        VmUsage usage = rig.usage("vm");
        assertEquals(16, usage.queuedFrames());
        assertEquals(queueFull + 240, usage.dropped().get(DropReason.QUEUE_FULL.name()));
        assertBalanced(rig);
        rig.run(10 * MILLIS);
        assertBalanced(rig);
    }

    @Test
    void framesFromAPortNoVmConnectedGoOnlyWhenNothingElseWaits() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        FrameBuffer frame = rig.pool.acquire();
        frame.setLength(100);
        frame.setSourcePort(77);
        assertEquals(Decision.SEND, rig.scheduler.offer(frame));
        assertEquals(1, rig.uplink.sends());
    }

    private static void assertBalanced(SchedulerRig rig) {
        for (VmUsage usage : rig.scheduler.usage(10 * MILLIS).vms()) {
            long dropped = usage.dropped().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(usage.offeredFrames(), usage.sentFrames() + usage.queuedFrames() + dropped,
                    "offered = sent + queued + dropped for " + usage);
        }
        long sentOnWire = rig.uplink.sends();
        long sentCounted = rig.scheduler.usage(10 * MILLIS).vms().stream().mapToLong(VmUsage::sentFrames).sum();
        assertEquals(sentOnWire, sentCounted, "every frame counted as sent reached the uplink");
    }

    private static long inFlight(SchedulerRig rig) {
        return rig.scheduler.usage(10 * MILLIS).vms().stream().mapToLong(VmUsage::queuedFrames).sum();
    }

    private static NetworkAllocation allocation(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> shares(1 + random.nextInt(5000));
            case 1 -> new NetworkAllocation(1000, 0, (50 + random.nextInt(400)) * MBPS, 0, 0, 0, 0,
                    random.nextInt(11));
            case 2 -> new NetworkAllocation(1000, 0, 0, 100 * MBPS, 200 * MBPS, 100_000, 10 * MILLIS,
                    random.nextInt(11));
            default -> new NetworkAllocation(500, (10 + random.nextInt(100)) * MBPS, 0, 0, 0, 0, 0,
                    random.nextInt(11));
        };
    }
}
