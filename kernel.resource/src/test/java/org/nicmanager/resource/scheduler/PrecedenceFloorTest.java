package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.scheduler.SchedulerRig.GBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MBPS;
import static org.nicmanager.resource.scheduler.SchedulerRig.MILLIS;
import static org.nicmanager.resource.scheduler.SchedulerRig.SECOND;
import static org.nicmanager.resource.scheduler.SchedulerRig.withoutFloor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.WireBytes;

/**
 * Precedence for higher priorities ([0117]-[0118]) bounded by the per-interval floor ([0097]), on by default, and
 * shown: each VM's starved time, and an announcement naming the VM and those served first. The case of issue 18: web
 * (2,000 shares, priority 8) takes a whole 1 Gb/s after a failover; app (1,000 shares, priority 5) wants it too.
 */
class PrecedenceFloorTest {

    /** The default floor as a rate: units (wire bytes) per interval. */
    private static final double FLOOR_BPS = ResourceSettings.DEFAULT_INTERVAL_MIN_UNITS * 8.0 * SECOND
            / ResourceSettings.defaults().intervalNanos();

    private static SchedulerRig webAndApp(ResourceSettings settings) {
        SchedulerRig rig = new SchedulerRig(settings, GBPS);
        rig.vm("web", 1, new NetworkAllocation(2_000, 0, 0, 0, 0, 0, 0, 8));
        rig.vm("app", 2, new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 5));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        return rig;
    }

    @Test
    void withTheDefaultsTheLowerPriorityVmGetsItsFloorAndNoMoreWhileTheHigherTakesTheRest() {
        SchedulerRig rig = webAndApp(ResourceSettings.defaults());
        rig.run(100 * MILLIS);
        long from = rig.now();
        rig.run(SECOND);

        double app = rig.uplink.bps(2, from, rig.now());
        // At least the floor; at most the floor and the one frame that crosses it, each interval.
        assertTrue(app >= FLOOR_BPS, "app got " + app + " bps, its floor is " + FLOOR_BPS);
        double frameBps = WireBytes.of(1514) * 8.0 * SECOND / ResourceSettings.defaults().intervalNanos();
        assertTrue(app <= FLOOR_BPS + frameBps, "app got " + app + " bps: the floor bounds precedence, no more");
        assertEquals(GBPS, app + rig.uplink.bps(1, from, rig.now()), 0.001 * GBPS, "work-conserving");
        assertTrue(rig.usage("app").dropped().get(DropReason.YIELDING_TO_HIGHER_PRIORITY.name()) > 0,
                "its excess is still dropped for precedence");
    }

    @Test
    void theStarvedTimeIsTheTimeAVmWasReadyWhileAHigherPriorityWasReadyToo() {
        SchedulerRig rig = webAndApp(ResourceSettings.defaults());
        rig.run(SECOND);

        long starved = rig.usage("app").starvedNanos();
        // Ready all the time (its queue never empties), web too: starved all the time, the floor notwithstanding.
        assertTrue(starved >= SECOND - MILLIS && starved <= SECOND, "app starved " + starved + " ns of 1 s");
        assertEquals(0, rig.usage("web").starvedNanos(), "nothing is above web");
        rig.run(SECOND);
        assertTrue(rig.usage("app").starvedNanos() >= starved + SECOND - MILLIS, "a spell in progress counts");
    }

    @Test
    void equalPrioritiesStarveNobodyAndALightHigherPriorityBarely() {
        SchedulerRig rig = new SchedulerRig(GBPS);
        rig.vm("a", 1, new NetworkAllocation(2_000, 0, 0, 0, 0, 0, 0, 5));
        rig.vm("b", 2, new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 5));
        rig.vm("light", 3, new NetworkAllocation(1_000, 0, 0, 0, 0, 0, 0, 8));
        rig.backlogged(1, 1514);
        rig.backlogged(2, 1514);
        rig.run(SECOND);
        assertEquals(0, rig.usage("a").starvedNanos(), "shares are not precedence");
        assertEquals(0, rig.usage("b").starvedNanos(), "shares are not precedence");

        // 10 Mb/s of priority 8: it waits at most for the frame on the wire, so the others are held back briefly.
        rig.source(3, 1514, 10 * MBPS);
        rig.run(SECOND);
        long starved = rig.usage("b").starvedNanos();
        assertTrue(starved > 0 && starved < 20 * MILLIS, "b starved " + starved + " ns of 1 s");
    }

    @Test
    void aStarvedVmIsAnnouncedOnceNamingTheVmsServedFirst() {
        SchedulerRig rig = webAndApp(ResourceSettings.defaults());
        rig.run(StarvationWatch.ANNOUNCE_AFTER_NANOS - 20 * MILLIS);
        assertEquals(List.of(), rig.events(ResourceTopics.STARVED), "not before the spell is long enough");
        rig.run(SECOND);

        List<SchedulerRig.Announcement> starved = rig.events(ResourceTopics.STARVED);
        assertEquals(1, starved.size(), "once per spell: " + starved);
        SchedulerRig.Announcement announced = starved.get(0);
        assertEquals("app", announced.subject());
        assertEquals("bond0", announced.uplink());
        assertEquals(5, announced.numbers().get(ResourceTopics.PRIORITY));
        assertTrue(announced.details().contains("precedence serves web (priority 8) first; it gets its reservation"
                + " and the per-interval floor (intervalMinUnits) only"), announced.details());
        assertTrue((long) announced.numbers().get(ResourceTopics.STARVED_NANOS) >= 100 * MILLIS);
    }

    @Test
    void aSpellEndsWhenTheHigherPriorityStopsAndANewOneIsAnnouncedAgain() {
        SchedulerRig rig = webAndApp(ResourceSettings.defaults());
        TrafficSource web = rig.sources.get(0);
        rig.run(200 * MILLIS);
        web.stop();
        rig.run(200 * MILLIS);
        long starved = rig.usage("app").starvedNanos();
        rig.run(200 * MILLIS);
        assertEquals(starved, rig.usage("app").starvedNanos(), "alone, app is not held back");
        web.start();
        rig.run(200 * MILLIS);
        assertEquals(2, rig.events(ResourceTopics.STARVED).size());
    }

    @Test
    void withTheFloorOffPrecedenceStarvesTheLowerPriorityAndSaysSo() {
        SchedulerRig rig = webAndApp(withoutFloor());
        rig.run(100 * MILLIS);
        long sentBefore = rig.usage("app").sentFrames();
        rig.run(SECOND);

        assertEquals(sentBefore, rig.usage("app").sentFrames(), "pure precedence: app gets nothing");
        assertTrue(rig.usage("app").starvedNanos() >= SECOND, "and it shows");
        SchedulerRig.Announcement announced = rig.events(ResourceTopics.STARVED).get(0);
        assertTrue(announced.details().contains("the per-interval floor is off (intervalMinUnits 0), so it gets"
                + " nothing beyond its reservation"), announced.details());
    }
}
