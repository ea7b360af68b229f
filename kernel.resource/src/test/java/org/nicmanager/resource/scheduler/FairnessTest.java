package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;

import org.junit.jupiter.api.Test;
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.WireBytes;

/** Fairness of virtual-time sharing: Jain's index, the bound on each VM's lag, and the per-interval bounds ([0097]). */
class FairnessTest {

    private static final int VMS = 10;
    private static final int[] FRAME_BYTES = {64, 128, 256, 512, 700, 1000, 1200, 1400, 1500, 1514};
    private static final long MAX_FRAME_WIRE = WireBytes.of(1514);

    @Test
    void tenBackloggedVmsOfEqualSharesAreFairInEveryHundredMillisecondWindow() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        for (int vm = 0; vm < VMS; vm++) {
            rig.vm("vm" + vm, vm, shares(1000));
            rig.backlogged(vm, FRAME_BYTES[vm]);
        }
        rig.run(2 * SECOND);

        for (long from = 0; from < 2 * SECOND; from += 100 * MILLIS) {
            double sum = 0;
            double squares = 0;
            for (int vm = 0; vm < VMS; vm++) {
                double bytes = rig.uplink.wireBytes(vm, from, from + 100 * MILLIS);
                sum += bytes;
                squares += bytes * bytes;
            }
            double jain = sum * sum / (VMS * squares);
            assertTrue(jain >= 0.999, "Jain's index " + jain + " in the window from " + from + " ns");
        }
        long lag = ResourceSettings.defaults().lagBoundUnits();
        assertEquals(0, worstStrayFromIdeal(rig, MAX_FRAME_WIRE + lag), "strays beyond one frame plus the lag");
    }

    @Test
    void aVmBackFromIdleCatchesUpByNoMoreThanTheLagBound() {
        long lag = 20_000;
        SchedulerRig rig = new SchedulerRig(settings(lag, 0, 0), GBPS);
        rig.vm("steady", 1, shares(1000));
        rig.vm("returning", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.run(SECOND); // "returning" idles while "steady" runs alone
        long back = rig.now();
        rig.backlogged(2, 1514);
        rig.run(SECOND);

        long lead = 0;
        long steady = 0;
        long returning = 0;
        for (int i = 0; i < rig.uplink.sends(); i++) {
            if (rig.uplink.sendTime(i) < back) {
                continue;
            }
            if (rig.uplink.sendPort(i) == 1) {
                steady += rig.uplink.sendWireBytes(i);
            } else {
                returning += rig.uplink.sendWireBytes(i);
            }
            lead = Math.max(lead, returning - steady);
        }
        assertTrue(lead <= lag + 2 * MAX_FRAME_WIRE, "lead " + lead + " beyond the lag bound " + lag);
        assertTrue(lead >= lag - 2 * MAX_FRAME_WIRE, "it should get its lag's worth of credit, got " + lead);
        assertEquals(0.5, returning / (double) (returning + steady), 0.01, "then they share equally");
    }

    @Test
    void withAnIntervalMaximumAVmBackFromIdleCannotLockTheOthersOut() {
        long hugeLag = 100_000_000; // without a maximum, 0.8 s of 1 Gb/s of catch-up
        long intervalBytes = GBPS / 8 / 100; // what 1 Gb/s carries in one 10 ms interval
        assertTrue(stolenFromSteady(settings(hugeLag, 0, 0)) > 0.95, "the premise: the lag alone locks it out");

        assertEquals(0.5, stolenFromSteady(settings(hugeLag, 0, intervalBytes / 2)), 0.02,
                "held to half of each interval, the returning VM leaves the steady one the other half");
    }

    /** The share of the 100 ms after a VM returns from 1 s of idleness that it takes from a steady one. */
    private static double stolenFromSteady(ResourceSettings settings) {
        SchedulerRig rig = new SchedulerRig(settings, GBPS);
        rig.vm("steady", 1, shares(1000));
        rig.vm("returning", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.run(SECOND);
        long back = rig.now();
        rig.backlogged(2, 1514);
        rig.run(100 * MILLIS);
        return rig.share(2, back, rig.now(), GBPS);
    }

    @Test
    void theIntervalMinimumGivesEveryBackloggedVmItsUnitsWhateverItsShares() {
        long intervalBytes = GBPS / 8 / 100;
        SchedulerRig rig = new SchedulerRig(settings(64_000, intervalBytes / 10, 0), GBPS);
        rig.vm("heavy", 1, shares(100_000));
        rig.vm("light", 2, shares(1));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(0.10, rig.share(2, from, rig.now(), GBPS), 0.01, "light gets its tenth of each interval");
        assertEquals(0.90, rig.share(1, from, rig.now(), GBPS), 0.01);
    }

    /** VMs whose service strayed from total/VMS by more than {@code bound} wire bytes at some send. */
    private static int worstStrayFromIdeal(SchedulerRig rig, long bound) {
        long[] service = new long[VMS];
        long total = 0;
        boolean[] strayed = new boolean[VMS];
        for (int i = 0; i < rig.uplink.sends(); i++) {
            int vm = rig.uplink.sendPort(i);
            service[vm] += rig.uplink.sendWireBytes(i);
            total += rig.uplink.sendWireBytes(i);
            for (int other = 0; other < VMS; other++) {
                if (Math.abs(service[other] - total / (double) VMS) > bound) {
                    strayed[other] = true;
                }
            }
        }
        int count = 0;
        for (boolean stray : strayed) {
            count += stray ? 1 : 0;
        }
        return count;
    }

    private static ResourceSettings settings(long lagUnits, long minUnits, long maxUnits) {
        return new ResourceSettings(CostMode.BYTES, lagUnits, 10 * MILLIS, minUnits, maxUnits, 256, 256 * 1514, 1,
                100_000, 1000);
    }
}
