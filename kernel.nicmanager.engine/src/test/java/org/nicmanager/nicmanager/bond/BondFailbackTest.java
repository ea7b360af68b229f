package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.distribution.Policies;

/** Failback as configured (patent [0104]) and switch notification after failover and failback ([0101]). */
class BondFailbackTest {

    private static final long HOLD_DOWN_NANOS = 50 * MILLIS;

    private static BondWorld world(FailbackMode mode) {
        return new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults().withFailback(mode, HOLD_DOWN_NANOS));
    }

    /** Streams at 1.5 Gb/s long enough to cover the test, unplugs nic0, and checks it is out. */
    private static VmSource streamAndUnplug(BondWorld world) {
        VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 1_500_000_000L, 1514, 4, 64));
        world.run(() -> vm.send(1_000_000));
        world.advance(10 * MILLIS);
        world.run(() -> world.net.unplug("nic0"));
        assertFalse(world.stats().member(0).carrying());
        world.advance(10 * MILLIS);
        return vm;
    }

    @Test
    void immediateFailbackPutsTheMemberBackAtTheLinkUpEvent() {
        try (BondWorld world = world(FailbackMode.IMMEDIATE)) {
            streamAndUnplug(world);
            long sent0 = world.stats().member(0).sentFrames();
            long notices = world.stats().notificationsSent();
            world.run(() -> world.net.plug("nic0"));
            BondStats stats = world.stats();
            assertTrue(stats.member(0).carrying(), "back at the event");
            assertEquals(1, stats.failbacks());
            world.advance(MILLIS);
            assertEquals(notices + 2, world.stats().notificationsSent(),
                    "both carriers announce the VM MAC again (nic1's once its full ring has room)");
            assertTrue(world.stats().member(0).sentFrames() > sent0);
            assertEquals(List.of(FailoverReason.CARRIER_LOST, FailoverReason.FAILBACK),
                    world.call(world.bond::history).stream().map(FailoverEvent::reason).toList());
            assertTrue(world.stats().accountedFor());
        }
    }

    @Test
    void delayedFailbackWaitsForTheHoldDownAndAFlapRestartsTheWait() {
        try (BondWorld world = world(FailbackMode.DELAYED)) {
            streamAndUnplug(world);
            world.run(() -> world.net.plug("nic0"));
            assertTrue(world.stats().member(0).waitingForFailback());
            world.advance(20 * MILLIS);
            world.run(() -> world.net.unplug("nic0")); // a flap during the hold-down
            world.advance(5 * MILLIS);
            long replugAt = world.now();
            world.run(() -> world.net.plug("nic0"));
            world.advance(HOLD_DOWN_NANOS - 1);
            assertFalse(world.stats().member(0).carrying(), "the flap restarted the wait");
            assertEquals(0, world.stats().failbacks());
            world.advance(1);
            assertTrue(world.stats().member(0).carrying(), "back once UP for the whole hold-down");
            assertEquals(1, world.stats().failbacks());
            FailoverEvent last = world.call(world.bond::history).get(1);
            assertEquals(FailoverReason.FAILBACK, last.reason());
            assertEquals(replugAt + HOLD_DOWN_NANOS, last.atNanos());
            assertEquals(1, world.stats().failovers(), "the flap of a member out of service is no failover");
        }
    }

    @Test
    void manualFailbackWaitsForTheOperator() {
        try (BondWorld world = world(FailbackMode.MANUAL)) {
            streamAndUnplug(world);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> world.run(() -> world.bond.failback(0)));
            assertTrue(refused.getMessage().contains("DOWN"), refused.getMessage());
            world.run(() -> world.net.plug("nic0"));
            world.advance(1_000 * MILLIS);
            assertFalse(world.stats().member(0).carrying(), "stays out until told");
            assertTrue(world.stats().member(0).waitingForFailback());
            assertTrue(world.call(() -> world.bond.failback(0)));
            assertTrue(world.stats().member(0).carrying());
            assertEquals(1, world.stats().failbacks());
            assertFalse(world.call(() -> world.bond.failback(0)), "already carrying");
            assertThrows(IllegalArgumentException.class, () -> world.run(() -> world.bond.failback(7)));
        }
    }

    /** Failback rules choose between members that can carry; when the last one fails, a held-out member takes over. */
    @Test
    void aMemberHeldOutByManualFailbackTakesOverWhenTheLastCarrierFails() {
        try (BondWorld world = world(FailbackMode.MANUAL)) {
            streamAndUnplug(world);
            world.run(() -> world.net.plug("nic0"));
            world.advance(10 * MILLIS);
            assertTrue(world.stats().member(0).waitingForFailback(), "nic1 carries: nic0 waits for the operator");
            world.run(() -> world.net.unplug("nic1"));
            BondStats stats = world.stats();
            assertTrue(stats.member(0).carrying(), "the bond does not go dark while nic0 can carry");
            assertFalse(stats.member(1).carrying());
            assertEquals(List.of(FailoverReason.CARRIER_LOST, FailoverReason.CARRIER_LOST, FailoverReason.FAILBACK),
                    world.call(world.bond::history).stream().map(FailoverEvent::reason).toList());
            long sent0 = stats.member(0).sentFrames();
            world.advance(5 * MILLIS);
            assertTrue(world.stats().member(0).sentFrames() > sent0, "nic0 sends");
            assertTrue(world.stats().accountedFor());
        }
    }

    @Test
    void aMemberThatReturnsWhileNoneCarriesIsNotHeldDown() {
        try (BondWorld world = world(FailbackMode.DELAYED)) {
            streamAndUnplug(world);
            world.run(() -> world.net.unplug("nic1"));
            world.advance(MILLIS);
            assertEquals(0, world.call(() -> world.bond.stats().members().stream()
                    .filter(BondStats.Member::carrying).count()));
            world.run(() -> world.net.plug("nic0"));
            assertTrue(world.stats().member(0).carrying(), "no hold-down while no member carries");
            assertFalse(world.stats().member(0).waitingForFailback());
        }
    }

    /**
     * Active-backup, VM quiet: after a failover only the gratuitous ARP can teach the switch where the VM MAC lives.
     * With it, the host's frames to the VM reach the survivor as known unicast; without it they flood (the bystander
     * host h2 sees them).
     */
    private static long[] hostToVmAfterFailover(boolean notify) {
        BondSettings settings = BondSettings.defaults().withFailback(FailbackMode.MANUAL, 0).withNotifySwitches(notify);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 100_000_000L, 200, 1, 64));
            world.run(() -> vm.send(10)); // the switch learns the VM MAC on nic0's port
            world.advance(MILLIS);
            world.run(() -> world.net.unplug("nic0"));
            world.advance(10_000); // the announcement crosses the switch (672 ns on the wire)
            long floodedBefore = world.host("h2").rxDropsNotForUs();
            world.run(() -> world.net.startTraffic("h", new org.nicmanager.sim.network.model.TrafficSpec(
                    "02:00:00:00:00:01", org.nicmanager.lib.units.Rate.parse("10Mbps"), 200, 1,
                    org.nicmanager.sim.network.model.TrafficPattern.CBR, 1, 10 * MILLIS)));
            world.advance(20 * MILLIS);
            BondStats stats = world.stats();
            return new long[] {stats.member(1).receivedFrames(), world.host("h2").rxDropsNotForUs() - floodedBefore,
                    stats.notificationsSent()};
        }
    }

    @Test
    void theSwitchRelearnsTheVmMacOnTheSurvivor() {
        long[] notified = hostToVmAfterFailover(true);
        long[] silent = hostToVmAfterFailover(false);
        System.out.printf("host -> VM after failover: with ARP %d on nic1, %d flooded to h2; without: %d, %d flooded%n",
                notified[0], notified[1], silent[0], silent[1]);
        assertEquals(1, notified[2]);
        assertTrue(notified[0] >= 60, "frames reach the survivor: " + notified[0]);
        assertEquals(0, notified[1], "known unicast: nothing flooded");
        assertTrue(silent[1] > 0, "without the announcement the switch floods");
    }

    @Test
    void failbackAnnouncesFromTheReturningPrimary() {
        BondSettings settings = BondSettings.defaults().withFailback(FailbackMode.MANUAL, 0);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 100_000_000L, 200, 1, 64));
            world.run(() -> vm.send(10));
            world.advance(MILLIS);
            world.run(() -> world.net.unplug("nic0"));
            world.run(() -> world.net.plug("nic0"));
            world.advance(MILLIS);
            world.run(() -> world.bond.failback(0)); // back to the primary: the switch must follow
            world.advance(10_000);
            long nic0Before = world.stats().member(0).receivedFrames();
            long floodedBefore = world.host("h2").rxDropsNotForUs();
            world.run(() -> world.net.startTraffic("h", new org.nicmanager.sim.network.model.TrafficSpec(
                    "02:00:00:00:00:01", org.nicmanager.lib.units.Rate.parse("10Mbps"), 200, 1,
                    org.nicmanager.sim.network.model.TrafficPattern.CBR, 1, 10 * MILLIS)));
            world.advance(20 * MILLIS);
            BondStats stats = world.stats();
            assertTrue(stats.member(0).receivedFrames() - nic0Before >= 60, "host frames reach the primary again");
            assertEquals(0, world.host("h2").rxDropsNotForUs() - floodedBefore, "known unicast: nothing flooded");
        }
    }
}
