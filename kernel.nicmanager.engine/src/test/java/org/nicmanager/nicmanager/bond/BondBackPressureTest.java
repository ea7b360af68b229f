package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.sim.network.model.Fault;
import org.nicmanager.sim.network.model.HostStats;

/**
 * A full ring applies back-pressure within the policy (issue 18 point 1): the frame waits for the member its policy
 * chose, so active-backup never spills onto its standby and no flow moves frame by frame; only a spreading policy
 * offers it to another member. A member whose ring stays full for the failover-on-busy time fails over as a whole.
 */
class BondBackPressureTest {

    private static final int FRAME_BYTES = 1514;
    private static final int FLOWS = 16;

    /** A source of 16 flows at {@code rateBps} that holds back while 64 frames wait in the bond, as the RM does. */
    private static VmSource source(BondWorld world, long rateBps, int maxBacklog) {
        return world.call(() -> new VmSource(world.world, world.bond, rateBps, FRAME_BYTES, FLOWS, maxBacklog));
    }

    private static void assertInOrder(BondWorld world) {
        HostStats host = world.host("h");
        assertEquals(FLOWS, host.flows().size());
        for (HostStats.FlowStats flow : host.flows()) {
            assertEquals(0, flow.reorderedFrames(), "flow " + flow.id() + " reordered");
        }
        assertEquals(0, host.reorderedFrames());
    }

    @Test
    void activeBackupAtTwiceItsActiveMembersRateNeverSpillsOntoTheStandby() {
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, BondSettings.defaults())) {
            VmSource vm = source(world, 2_000_000_000L, 64);
            world.run(() -> vm.send(20_000));
            world.advance(100 * MILLIS);
            BondStats stats = world.stats();
            assertTrue(stats.busyRefusals() > 100, "the active member's ring filled: " + stats.busyRefusals());
            assertEquals(0, stats.member(1).sentFrames(), "the standby carries nothing while the active one is up");
            assertEquals(0, stats.busyRedirects());
            assertEquals(0, stats.failovers(), "a full ring is no failover unless failover-on-busy says so");
            assertTrue(world.call(() -> vm.heldBack) > 0, "the excess waited in front of the bond");
            BondFailoverTest.runUntilIdle(world, vm);
            assertEquals(0, world.stats().member(1).sentFrames());
            assertEquals(20_000, world.stampedReceived("h"));
            assertInOrder(world);
            assertTrue(world.stats().accountedFor());
        }
    }

    @Test
    void aSaturatedHashBondKeepsEveryFlowOnItsMember() {
        try (BondWorld world = new BondWorld(Policies.HASH_L34, BondSettings.defaults())) {
            VmSource vm = source(world, 3_000_000_000L, 64);
            world.run(() -> vm.send(30_000));
            BondFailoverTest.runUntilIdle(world, vm);
            BondStats stats = world.stats();
            assertTrue(stats.busyRefusals() > 100, "both rings filled: " + stats.busyRefusals());
            assertEquals(0, stats.busyRedirects(), "no frame left the member its flow hashes to");
            assertTrue(stats.member(0).sentFrames() > 1000 && stats.member(1).sentFrames() > 1000, "both carry");
            assertEquals(30_000, world.stampedReceived("h"));
            assertInOrder(world);
        }
    }

    @Test
    void roundRobinStillSpreadsAFrameAroundAFullRing() {
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults())) {
            VmSource vm = source(world, 1_000_000_000L, 64);
            world.run(() -> vm.send(10_000));
            world.advance(10 * MILLIS);
            world.run(() -> world.net.fail("nic0", Fault.RING, 5 * MILLIS));
            long sent1 = world.stats().member(1).sentFrames();
            world.advance(4 * MILLIS);
            BondStats during = world.stats();
            assertTrue(during.busyRedirects() > 100, "redirected: " + during.busyRedirects());
            assertTrue(during.member(1).sentFrames() - sent1 > 200, "nic1 took nic0's turns");
            BondFailoverTest.runUntilIdle(world, vm);
            assertEquals(10_000, world.stampedReceived("h"));
        }
    }

    @Test
    void framesWaitingForAStuckRingAreDroppedWithAReasonOnlyWhenTheBacklogIsFull() {
        BondSettings settings = BondSettings.defaults().withBacklogFrames(128);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = source(world, 500_000_000L, Integer.MAX_VALUE); // no back-pressure in front of the bond
            world.run(() -> vm.send(5_000));
            world.advance(5 * MILLIS);
            world.run(() -> world.net.fail("nic0", Fault.RING, 20 * MILLIS));
            world.advance(2 * MILLIS); // about 80 frames at 500 Mb/s
            assertEquals(0, world.stats().droppedFrames(), "the backlog holds the first frames: " + world.stats().drops());
            assertTrue(world.call(world.bond::queuedFrames) > 50);
            assertFalse(world.call(world.bond::ready), "frames wait: the uplink tells the RM it is not ready");
            world.advance(15 * MILLIS); // 3 ms before the ring recovers
            BondStats stuck = world.stats();
            assertEquals(128, stuck.queuedFrames());
            assertTrue(stuck.drops().getOrDefault(DropReason.QUEUE_FULL, 0L) > 100, "dropped: " + stuck.drops());
            assertEquals(0, stuck.member(1).sentFrames(), "nothing spilled onto the standby");
            assertTrue(stuck.accountedFor());
            BondFailoverTest.runUntilIdle(world, vm);
            BondStats after = world.stats();
            assertEquals(0, after.queuedFrames());
            assertEquals(after.offeredFrames(), world.stampedReceived("h") + after.droppedFrames(),
                    "every frame received or dropped with a reason");
            assertEquals(0, world.host("h").reorderedFrames());
        }
    }

    @Test
    void aRingFullForTheFailoverOnBusyTimeFailsOverTheWholeMemberAndFailsBackWhenItHasRoom() {
        BondSettings settings = BondSettings.defaults().withFailoverOnBusy(3 * MILLIS);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = source(world, 500_000_000L, 64);
            world.run(() -> vm.send(20_000));
            world.advance(5 * MILLIS);
            long failedAt = world.now();
            world.run(() -> world.net.fail("nic0", Fault.RING, 50 * MILLIS));
            world.advance(2 * MILLIS);
            assertEquals(0, world.stats().failovers(), "not yet: the ring has been full for less than 3 ms");
            assertEquals(0, world.stats().member(1).sentFrames());
            world.advance(2 * MILLIS);
            BondStats over = world.stats();
            assertEquals(1, over.failovers());
            assertFalse(over.member(0).carrying());
            assertEquals(MemberState.UP, over.member(0).state(), "its link is fine: only its ring is stuck");
            List<FailoverEvent> history = world.call(world.bond::history);
            assertEquals(FailoverReason.BUSY, history.get(0).reason());
            assertTrue(history.get(0).atNanos() - failedAt >= 3 * MILLIS, "after the full 3 ms");
            world.advance(10 * MILLIS);
            assertTrue(world.stats().member(1).sentFrames() > 500, "the standby took over as a whole");
            world.advance(40 * MILLIS); // the ring recovers at 50 ms: IMMEDIATE failback
            BondStats back = world.stats();
            assertTrue(back.member(0).carrying());
            assertEquals(1, back.failbacks());
            assertEquals(List.of(FailoverReason.BUSY, FailoverReason.FAILBACK),
                    world.call(world.bond::history).stream().map(FailoverEvent::reason).toList());
            long standby = back.member(1).sentFrames();
            world.advance(10 * MILLIS);
            assertEquals(standby, world.stats().member(1).sentFrames(), "the standby stands by again");
            BondFailoverTest.runUntilIdle(world, vm);
            assertEquals(20_000, world.stampedReceived("h"));
        }
    }

    @Test
    void aMemberFailedOverAsBusyReturnsByTheDelayedFailbackRule() {
        BondSettings settings = BondSettings.defaults().withFailback(FailbackMode.DELAYED, 20 * MILLIS)
                .withFailoverOnBusy(3 * MILLIS);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = source(world, 500_000_000L, 64);
            world.run(() -> vm.send(20_000));
            world.advance(5 * MILLIS);
            world.run(() -> world.net.fail("nic0", Fault.RING, 10 * MILLIS));
            world.advance(12 * MILLIS);
            assertEquals(1, world.stats().failovers());
            assertTrue(world.stats().member(0).waitingForFailback(), "room again: the hold-down runs");
            world.advance(10 * MILLIS);
            assertFalse(world.stats().member(0).carrying(), "still within the 20 ms hold-down");
            world.advance(15 * MILLIS);
            assertTrue(world.stats().member(0).carrying());
            assertEquals(1, world.stats().failbacks());
            BondFailoverTest.runUntilIdle(world, vm);
        }
    }

    @Test
    void anOverloadedButDrainingRingNeverFailsOver() {
        BondSettings settings = BondSettings.defaults().withFailoverOnBusy(1 * MILLIS);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            VmSource vm = source(world, 2_000_000_000L, 64);
            world.run(() -> vm.send(20_000));
            world.advance(100 * MILLIS);
            assertTrue(world.stats().busyRefusals() > 100);
            assertEquals(0, world.stats().failovers(), "the ring drains at line rate: busy, never stuck");
            assertEquals(0, world.stats().member(1).sentFrames());
            BondFailoverTest.runUntilIdle(world, vm);
        }
    }

    @Test
    void theLastCarryingMemberIsNotFailedOverForAFullRing() {
        BondSettings settings = BondSettings.defaults().withFailoverOnBusy(2 * MILLIS);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, settings)) {
            world.run(() -> world.net.unplug("nic1"));
            VmSource vm = source(world, 500_000_000L, 64);
            world.run(() -> vm.send(5_000));
            world.advance(5 * MILLIS);
            world.run(() -> world.net.fail("nic0", Fault.RING, 20 * MILLIS));
            world.advance(15 * MILLIS);
            assertTrue(world.stats().member(0).carrying(), "nothing could take over: its frames wait instead");
            assertEquals(1, world.stats().failovers(), "only nic1's unplugging");
            world.advance(20 * MILLIS);
            assertEquals(0, world.stats().droppedFrames());
        }
    }

    @Test
    void failoverOnBusyTimesOutsideTheRangeAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BondSettings.defaults().withFailoverOnBusy(500_000));
        assertEquals("failover-on-busy 500000 ns is out of range; allowed: off (0) or 1ms to 1h", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BondSettings.defaults().withFailoverOnBusy(-1));
        assertEquals(0, BondSettings.defaults().failoverOnBusyNanos(), "off by default");
    }
}
