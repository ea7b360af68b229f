package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.vm.Priority;

/** The shaping filter (average, peak per peak period, burst) and the limit, released by the kernel timer. */
class ShapingTest {

    private static final long AVERAGE = 100 * MBPS;
    private static final long PEAK = 200 * MBPS;
    private static final long BURST_BYTES = 1_000_000;
    private static final long PEAK_PERIOD = 100 * MILLIS;
    private static final long RUN = 20 * SECOND;

    @Test
    void averageOneHundredPeakTwoHundredBurstOneMegabyte() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("shaped", 1, new NetworkAllocation(1000, 0, 0, AVERAGE, PEAK, BURST_BYTES, PEAK_PERIOD,
                Priority.DEFAULT));
        rig.source(1, 1514, 500 * MBPS);
        rig.run(RUN);
        LineRateUplinkDouble wire = rig.uplink;

        assertEquals(AVERAGE, wire.bps(1, 0, RUN), 0.01 * AVERAGE, "the long-run average");

        long peakWindowBytes = PEAK * PEAK_PERIOD / SECOND / 8;
        long worstWindow = 0;
        int first = 0;
        long inWindow = 0;
        for (int last = 0; last < wire.sends(); last++) {
            inWindow += wire.sendWireBytes(last);
            while (wire.sendTime(last) - wire.sendTime(first) >= PEAK_PERIOD) {
                inWindow -= wire.sendWireBytes(first++);
            }
            worstWindow = Math.max(worstWindow, inWindow);
        }
        assertTrue(worstWindow <= peakWindowBytes, "a peak period carried " + worstWindow + " bytes, the peak allows "
                + peakWindowBytes);
        assertEquals(PEAK, wire.bps(1, 0, 50 * MILLIS), 0.01 * PEAK, "the burst goes at the peak rate");

        long sent = 0;
        long worstAboveAverage = 0;
        for (int i = 0; i < wire.sends(); i++) {
            sent += wire.sendWireBytes(i);
            long averageLine = AVERAGE * wire.sendTime(i) / SECOND / 8;
            worstAboveAverage = Math.max(worstAboveAverage, sent - averageLine);
        }
        assertTrue(worstAboveAverage <= BURST_BYTES, "the first burst went " + worstAboveAverage
                + " bytes above the average line, the burst size is " + BURST_BYTES);
        assertTrue(worstAboveAverage >= BURST_BYTES - 2 * 1538, "and used the burst: " + worstAboveAverage);

        VmUsage usage = rig.usage("shaped");
        assertTrue(usage.dropped().get(DropReason.SHAPING.name()) > 0, "beyond its queue, shaped frames are dropped");
        assertEquals(0, usage.dropped().get(DropReason.QUEUE_FULL.name()));
    }

    @Test
    void nonconformantFramesWaitInTheQueueAndTheTimerReleasesThem() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("shaped", 1, new NetworkAllocation(1000, 0, 0, AVERAGE, PEAK, 9046, 10 * MILLIS, Priority.DEFAULT));
        TrafficSource source = rig.source(1, 1514, 150 * MBPS);
        rig.run(10 * MILLIS);
        source.stop();

        VmUsage queued = rig.usage("shaped");
        assertTrue(queued.queuedFrames() > 0, "frames above the average wait");
        assertEquals(0, queued.dropped().values().stream().mapToLong(Long::longValue).sum());
        rig.run(100 * MILLIS);
        VmUsage drained = rig.usage("shaped");
        assertEquals(0, drained.queuedFrames(), "the release timer sent them all");
        assertEquals(source.offered, drained.sentFrames());
    }

    @Test
    void puttingTheAllocationInForceAgainGrantsNoFreshBurst() {
        NetworkAllocation shaped = new NetworkAllocation(1000, 0, 0, AVERAGE, 0, BURST_BYTES, 0, Priority.DEFAULT);
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("shaped", 1, shaped);
        rig.backlogged(1, 1514);
        rig.run(SECOND);
        for (int i = 0; i < 10; i++) {
            rig.reallocate("shaped", shaped); // the same allocation, as net:alloc or a configuration update would
            rig.run(100 * MILLIS);
        }
        rig.reallocate("shaped", new NetworkAllocation(2000, 0, 0, AVERAGE, 0, BURST_BYTES, 0, Priority.DEFAULT));
        rig.run(SECOND);

        long averageLine = (AVERAGE * 3 * SECOND / SECOND + BURST_BYTES * 8) / 8;
        long sent = rig.usage("shaped").sentWireBytes();
        assertTrue(sent <= averageLine + 1538, "over 3 s the VM sent " + sent
                + " bytes; the average and one burst allow " + averageLine);
        assertTrue(sent >= averageLine - 2 * 1538, "and still got its average and first burst: " + sent);
    }

    @Test
    void theLimitIsAHardCapAndFramesBeyondItAreDroppedAsOverLimit() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("capped", 1, new NetworkAllocation(100_000, 0, 50 * MBPS, 0, 0, 0, 0, Priority.DEFAULT));
        rig.vm("other", 2, new NetworkAllocation(1, 0, 0, 0, 0, 0, 0, Priority.DEFAULT));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(2 * SECOND);

        assertEquals(50 * MBPS, rig.uplink.bps(1, 0, 2 * SECOND), 0.005 * 50 * MBPS,
                "however many shares it has");
        assertEquals(950 * MBPS, rig.uplink.bps(2, 0, 2 * SECOND), 0.005 * 950 * MBPS, "the rest goes to the other");
        VmUsage capped = rig.usage("capped");
        assertTrue(capped.dropped().get(DropReason.OVER_LIMIT.name()) > 0);
        assertEquals(0, capped.dropped().get(DropReason.QUEUE_FULL.name()));
    }
}
