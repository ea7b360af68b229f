package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;
import static org.nicmanager.resource.scheduler.SchedulerRig.shares;

import org.junit.jupiter.api.Test;

/** Proportional sharing by virtual time: the patent's worked example ([0092]-[0095]) and [0089]. */
class ProportionalSharesTest {

    private static final long BOND_BPS = 2 * GBPS;
    private static final double WITHIN = 0.01;

    @Test
    void threeBackloggedVmsGetFortyFortyTwentyPercentOfTwoGigabitNics() {
        SchedulerRig rig = patentExample();
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(0.40, rig.share(1, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0.40, rig.share(2, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0.20, rig.share(3, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0, rig.uplink.sentWhileBusy, "frames handed to a busy uplink");
    }

    @Test
    void whenTheFirstVmStopsTheOtherTwoGetTwoThirdsAndOneThird() {
        SchedulerRig rig = patentExample();
        rig.run(500 * MILLIS);
        rig.sources.get(0).stop();
        rig.run(100 * MILLIS); // its queue drains
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(0, rig.share(1, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(2 / 3.0, rig.share(2, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(1 / 3.0, rig.share(3, from, rig.now(), BOND_BPS), WITHIN);
    }

    @Test
    void whenTheFirstVmOffersOnlyTwentyPercentTheOthersGetFiftyThreeAndTwentySevenPercent() {
        SchedulerRig rig = patentExample();
        rig.sources.get(0).rate(400 * MBPS); // 20% of the bond
        rig.run(200 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        assertEquals(0.20, rig.share(1, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0.80 * 2 / 3, rig.share(2, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0.80 / 3, rig.share(3, from, rig.now(), BOND_BPS), WITHIN);
        assertEquals(0, rig.usage("vm1").dropped().values().stream().mapToLong(Long::longValue).sum(),
                "a VM within its share loses nothing");
    }

    @Test
    void onOneUnbondedNicTwiceTheSharesGetTwiceTheBandwidth() { // [0089]
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("big", 1, shares(2000));
        rig.vm("small", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        double ratio = rig.uplink.bps(1, from, rig.now()) / rig.uplink.bps(2, from, rig.now());
        assertEquals(2.0, ratio, 2.0 * WITHIN);
        assertEquals(1.0, (rig.uplink.bps(1, from, rig.now()) + rig.uplink.bps(2, from, rig.now())) / GBPS, 0.001,
                "work-conserving: the NIC is full");
    }

    @Test
    void sharesDivideFramesWhenAFrameCostsOneUnit() {
        SchedulerRig rig = new SchedulerRig(new org.nicmanager.resource.allocation.ResourceSettings(
                org.nicmanager.resource.allocation.CostMode.FRAMES, 64, 10 * MILLIS, 0, 0, 256, 256 * 1514, 1,
                100_000, 1000), GBPS);
        rig.vm("large", 1, shares(1000));
        rig.vm("small", 2, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 64);
        rig.run(100 * MILLIS);
        int before = rig.uplink.sends();
        rig.run(500 * MILLIS);
        long large = 0;
        long small = 0;
        for (int i = before; i < rig.uplink.sends(); i++) {
            if (rig.uplink.sendPort(i) == 1) {
                large++;
            } else {
                small++;
            }
        }
        assertEquals(1.0, large / (double) small, 0.01, "equal shares of frames");
    }

    /** Three backlogged VMs with 2000, 2000 and 1000 shares on a bond of two 1 Gb/s NICs. */
    private static SchedulerRig patentExample() {
        SchedulerRig rig = new SchedulerRig(GBPS, GBPS);
        rig.vm("vm1", 1, shares(2000));
        rig.vm("vm2", 2, shares(2000));
        rig.vm("vm3", 3, shares(1000));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.backlogged(3, 1514);
        return rig;
    }
}
