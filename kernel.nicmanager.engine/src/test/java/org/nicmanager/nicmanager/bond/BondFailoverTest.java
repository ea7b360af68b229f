package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MICROS;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.sim.network.model.Fault;

/**
 * Failover under load (issue 4, patent [0101]): carrier loss, hardware failure, removal, a full ring. Frames that had
 * not reached the wire move to the survivor; every frame is accounted for.
 */
class BondFailoverTest {

    private static final int FRAME_BYTES = 1514;

    /** A world with a source already streaming {@code frames} at {@code rateBps} for {@code warmUpNanos}. */
    private static VmSource streaming(BondWorld world, long rateBps, long frames, long warmUpNanos) {
        VmSource vm = world.call(() -> new VmSource(world.world, world.bond, rateBps, FRAME_BYTES, 16, 64));
        world.run(() -> vm.send(frames));
        world.advance(warmUpNanos);
        return vm;
    }

    /** Advances in steps of 10 ms until the source has sent everything and the bond and rings are empty. */
    static void runUntilIdle(BondWorld world, VmSource vm) {
        for (int step = 0; step < 1000; step++) {
            if (world.call(() -> vm.done() && world.bond.queuedFrames() == 0 && world.nic0.pendingFrames() == 0
                    && world.nic1.pendingFrames() == 0)) {
                world.advance(MILLIS); // the last frames cross the switch
                return;
            }
            world.advance(10 * MILLIS);
        }
        throw new AssertionError("the source never finished");
    }

    /** Received + lost on the cable + still queued == offered; returns frames lost on the cable. */
    private static long assertNothingLostOffTheWire(BondWorld world, VmSource vm) {
        BondStats stats = world.stats();
        long lost = world.lostOnCables();
        assertEquals(0, world.call(() -> vm.accountingViolations), "offered == sent + dropped + queued at every tick");
        assertTrue(stats.accountedFor());
        assertEquals(0, stats.droppedFrames(), () -> "drops " + stats.drops());
        assertEquals(stats.offeredFrames(), world.stampedReceived("h") + lost + stats.queuedFrames(),
                "received + lost on the cable + queued == offered");
        return lost;
    }

    @Test
    void unplugMidStreamMovesEverythingToTheSurvivorAndLosesNothingOffTheWire() {
        // A 500 ns cable, so that a frame can be caught on it when it is pulled; 2.5 Gb/s offered keeps both rings full.
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults(), 500)) {
            VmSource vm = streaming(world, 2_500_000_000L, 40_000, 20 * MILLIS + 3 * MICROS);
            int onRing = world.call(world.nic0::pendingFrames);
            long unpluggedAt = world.now();
            world.run(() -> world.net.unplug("nic0"));
            BondStats atUnplug = world.stats();
            List<FailoverEvent> history = world.call(world.bond::history);
            assertEquals(1, atUnplug.failovers());
            assertEquals(List.of(new FailoverEvent(unpluggedAt, 0, "nic0", FailoverReason.CARRIER_LOST)), history,
                    "failed over at the carrier event itself: 0 ns");
            assertEquals(onRing, atUnplug.member(0).returnedFrames(), "nic0's whole ring came back");
            assertTrue(onRing > 200, onRing + " frames were on nic0's ring");
            long sent0 = atUnplug.member(0).sentFrames();
            long sent1 = atUnplug.member(1).sentFrames();

            world.advance(MILLIS);
            BondStats after = world.stats();
            assertEquals(sent0, after.member(0).sentFrames(), "nothing more for nic0");
            assertTrue(after.member(1).sentFrames() > sent1, "the survivor carries the traffic within 1 ms");
            assertEquals(0, after.member(0).returnedFrames() - atUnplug.member(0).returnedFrames());

            runUntilIdle(world, vm);
            long lost = assertNothingLostOffTheWire(world, vm);
            System.out.printf("unplug: %d frames on the ring moved to the survivor, %d lost on the cable, %d gratuitous"
                    + " ARPs%n", onRing, lost, world.stats().notificationsSent());
            assertTrue(lost <= 1, lost + " frames lost on the cable");
            assertEquals(1, world.stats().notificationsSent(), "one gratuitous ARP, for the VM MAC, from nic1");
            assertEquals(40_000, world.stampedReceived("h") + lost);
        }
    }

    @Test
    void hardwareFailureFailsOverLikeCarrierLossAndIsRecheckedLessOften() {
        // Failover order at 2.5 Gb/s keeps nic0's ring full (a full ring makes frames wait for it), so that a whole
        // ring comes back at the failure.
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, BondSettings.defaults())) {
            VmSource vm = streaming(world, 2_500_000_000L, 30_000, 20 * MILLIS);
            world.run(() -> world.net.fail("nic0", Fault.HARDWARE, 0));
            BondStats stats = world.stats();
            assertEquals(1, stats.failovers());
            assertEquals(MemberState.FAILED, stats.member(0).state());
            assertTrue(stats.member(0).recheckArmed());
            assertEquals(FailoverReason.HARDWARE_FAILED, world.call(world.bond::history).get(0).reason());
            assertTrue(world.stats().member(0).returnedFrames() > 200);
            runUntilIdle(world, vm);
            assertEquals(0, assertNothingLostOffTheWire(world, vm));
            assertEquals(30_000, world.stampedReceived("h"));
            // The FAILED member is polled on the slower period; repair brings it back (IMMEDIATE).
            world.run(() -> world.net.repair("nic0"));
            assertTrue(world.stats().member(0).carrying());
            assertEquals(1, world.stats().failbacks());
        }
    }

    @Test
    void severitySetsTheRecheckPeriod() {
        BondSettings settings = BondSettings.defaults();
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, settings)) {
            LinkRechecker probe = new LinkRechecker(world.world, settings.downRecheckNanos(),
                    settings.failedRecheckNanos(), (slot, state) -> { });
            assertTrue(probe.periodNanos(MemberState.FAILED) > probe.periodNanos(MemberState.DOWN));
            assertEquals(0, probe.periodNanos(MemberState.UP));
        }
    }

    @Test
    void aFullRingMakesActiveBackupWaitForItsActiveMemberWithoutFailover() {
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, BondSettings.defaults())) {
            VmSource vm = streaming(world, 500_000_000L, 20_000, 10 * MILLIS);
            assertEquals(0, world.stats().member(1).sentFrames(), "active-backup: nic1 stands by");
            world.run(() -> world.net.fail("nic0", Fault.RING, 5 * MILLIS));
            long sent0 = world.stats().member(0).sentFrames();
            world.advance(4 * MILLIS);
            BondStats during = world.stats();
            assertEquals(sent0, during.member(0).sentFrames(), "nic0's ring refuses everything");
            assertEquals(0, during.member(1).sentFrames(), "active-backup never spills onto its standby");
            assertEquals(0, during.busyRedirects());
            assertTrue(during.busyRefusals() > 0 && during.queuedFrames() > 0, "frames wait for nic0");
            assertEquals(0, during.failovers(), "BUSY is a transient limit, not a failover");
            assertTrue(during.member(0).carrying());
            world.advance(100 * MILLIS);
            assertTrue(world.stats().member(0).sentFrames() > sent0, "nic0 carries again once its ring recovers");
            runUntilIdle(world, vm);
            assertEquals(0, assertNothingLostOffTheWire(world, vm));
        }
    }

    @Test
    void removalFailsOverAndForgetsTheNic() {
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults())) {
            VmSource vm = streaming(world, 2_500_000_000L, 20_000, 10 * MILLIS);
            world.run(() -> {
                world.net.destroyCard("nic0"); // the driver bundle stops: the card goes, its ring comes back
                world.bond.removeMember(0);
            });
            BondStats stats = world.stats();
            assertEquals(MemberState.REMOVED, stats.member(0).state());
            assertEquals(1, stats.failovers());
            assertEquals(List.of(FailoverReason.CARRIER_LOST, FailoverReason.REMOVED),
                    world.call(world.bond::history).stream().map(FailoverEvent::reason).toList());
            runUntilIdle(world, vm);
            assertEquals(0, assertNothingLostOffTheWire(world, vm));
            assertEquals(20_000, world.stampedReceived("h"));
        }
    }

    @Test
    void losingEveryMemberDropsWithNoMemberAvailable() {
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults())) {
            VmSource vm = streaming(world, 1_000_000_000L, 2_000, 2 * MILLIS);
            world.run(() -> {
                world.net.unplug("nic0");
                world.net.unplug("nic1");
            });
            world.advance(50 * MILLIS);
            BondStats stats = world.stats();
            assertTrue(stats.accountedFor());
            assertTrue(stats.dropped(DropReason.NO_MEMBER_AVAILABLE) > 0);
            assertEquals(stats.offeredFrames(), world.stampedReceived("h") + stats.droppedFrames());
            assertEquals(0, world.call(() -> vm.accountingViolations));
            assertFalse(stats.member(0).carrying() || stats.member(1).carrying());
        }
    }
}
