package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import org.junit.jupiter.api.Test;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.sim.network.model.HostStats;

/** Issue 4's spread and ordering criteria, on two simulated e1000 cards in virtual time. */
class BondDistributionTest {

    private static final long RATE_BPS = 1_500_000_000L;
    private static final int FRAME_BYTES = 1514;

    /** Sends {@code frames} over the bond and waits until every one has left; returns the host's stats. */
    private static HostStats sendAll(BondWorld world, long frames, int flows) {
        VmSource vm = world.call(() -> new VmSource(world.world, world.bond, RATE_BPS, FRAME_BYTES, flows, 64));
        world.run(() -> vm.send(frames));
        // 8,074 ns per frame at 1.5 Gb/s, plus a few milliseconds to drain
        world.advance(frames * 8_075 + 10 * MILLIS);
        assertTrue(world.call(vm::done), "the source sent everything");
        assertEquals(0, world.call(() -> vm.accountingViolations), "offered == sent + dropped + queued at every tick");
        BondStats stats = world.stats();
        assertEquals(frames, stats.offeredFrames());
        assertEquals(frames, stats.sentFrames());
        assertEquals(0, stats.droppedFrames(), () -> "drops " + stats.drops());
        assertEquals(0, stats.queuedFrames());
        assertEquals(frames, world.stampedReceived("h"), "the host got every frame");
        return world.host("h");
    }

    @Test
    void roundRobinSplits100kFramesEvenlyOverTwoMembers() {
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults())) {
            HostStats host = sendAll(world, 100_000, 1);
            BondStats stats = world.stats();
            double share0 = stats.member(0).sentFrames() / 100_000.0;
            double share1 = stats.member(1).sentFrames() / 100_000.0;
            System.out.printf("round-robin: member shares %.4f / %.4f, reordered %d, lost %d%n", share0, share1,
                    host.reorderedFrames(), host.lostFrames());
            assertEquals(0.5, share0, 0.01);
            assertEquals(0.5, share1, 0.01);
            assertEquals(100_000, world.call(() -> world.nic0.counters().txFrames() + world.nic1.counters().txFrames()));
            assertEquals(0, host.lostFrames());
        }
    }

    @Test
    void hashL34KeepsEveryFlowInOrderAndUsesBothMembers() {
        try (BondWorld world = new BondWorld(Policies.HASH_L34, BondSettings.defaults())) {
            HostStats host = sendAll(world, 50_000, 64);
            assertFlowsInOrder(world, host, "hash-l34");
        }
    }

    @Test
    void tcpSessionKeepsEveryFlowInOrderAndUsesBothMembers() {
        try (BondWorld world = new BondWorld(Policies.TCP_SESSION, BondSettings.defaults())) {
            HostStats host = sendAll(world, 50_000, 64);
            assertFlowsInOrder(world, host, "tcp-session");
        }
    }

    private static void assertFlowsInOrder(BondWorld world, HostStats host, String policy) {
        BondStats stats = world.stats();
        System.out.printf("%s: member frames %d / %d, reordered %d, flows %d%n", policy,
                stats.member(0).sentFrames(), stats.member(1).sentFrames(), host.reorderedFrames(),
                host.flows().size());
        assertEquals(64, host.flows().size());
        for (HostStats.FlowStats flow : host.flows()) {
            assertEquals(0, flow.reorderedFrames(), "flow " + flow.id());
            assertEquals(0, flow.lostFrames(), "flow " + flow.id());
        }
        assertTrue(stats.member(0).sentFrames() > 10_000 && stats.member(1).sentFrames() > 10_000,
                "both members carry flows");
    }

    @Test
    void roundRobinReordersAFlowOnceOneRingRunsDeeperThanTheOther() {
        // Round-robin alternates one flow's frames over two rings. While nic0's ring is faulted (BUSY) nic1's ring
        // fills; once nic0 takes frames again, its frames overtake the older ones still queued on nic1.
        try (BondWorld world = new BondWorld(Policies.ROUND_ROBIN, BondSettings.defaults())) {
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, RATE_BPS, FRAME_BYTES, 1, 64));
            world.run(() -> vm.send(20_000));
            world.advance(20 * MILLIS);
            world.run(() -> world.net.fail("nic0", org.nicmanager.sim.network.model.Fault.RING, 2 * MILLIS));
            world.advance(200 * MILLIS);
            HostStats host = world.host("h");
            BondStats stats = world.stats();
            System.out.printf("round-robin after a ring fault: reordered %d of %d, shares %d / %d%n",
                    host.reorderedFrames(), world.stampedReceived("h"), stats.member(0).sentFrames(),
                    stats.member(1).sentFrames());
            assertEquals(20_000, world.stampedReceived("h"), "nothing lost");
            assertEquals(0, stats.failovers(), "a full ring is no failover");
            assertTrue(host.reorderedFrames() > 0, "round-robin reorders: " + host.reorderedFrames());
            assertTrue(stats.accountedFor());
        }
    }
}
