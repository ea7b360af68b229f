package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.E1000;
import static org.nicmanager.nicmanager.bond.BondWorld.E100;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.sim.network.model.HostStats;

/**
 * Issue 13 point 4: a bond of an e100 (MTU 1500, member 0) and an e1000 (MTU 9000, member 1). A frame is never handed
 * to a member that cannot carry it while another carrying member can; one no carrying member can carry is dropped
 * TOO_LONG, and every frame's fate reaches its VM's figures (port 0 here).
 */
class MixedMtuBondTest {

    private static final int JUMBO_BYTES = 9014;
    private static final int SMALL_BYTES = 1514;
    private static final long RATE_BPS = 300_000_000L;

    /** Counts what the bond reports of each frame of port 0, as the uplink's gate does for the VM. */
    private static final class PortFates implements FrameFates {
        long transmitted;
        final long[] dropped = new long[DropReason.values().length];
        long otherPorts;

        @Override
        public void transmitted(int sourcePort) {
            if (sourcePort == 0) {
                transmitted++;
            } else {
                otherPorts++;
            }
        }

        @Override
        public void dropped(int sourcePort, DropReason reason) {
            if (sourcePort == 0) {
                dropped[reason.ordinal()]++;
            } else {
                otherPorts++;
            }
        }

        long droppedTotal() {
            long total = 0;
            for (long count : dropped) {
                total += count;
            }
            return total;
        }
    }

    private static BondWorld mixed(String policy, PortFates fates) {
        BondWorld world = new BondWorld(policy, BondSettings.defaults(), 0, E100, E1000);
        world.run(() -> world.bond.setFates(fates));
        return world;
    }

    /** Sends {@code frames} from port 0 and lets them all leave. */
    private static VmSource send(BondWorld world, long frames, int frameBytes, int flows) {
        return send(world, frames, frameBytes, flows, RATE_BPS);
    }

    private static VmSource send(BondWorld world, long frames, int frameBytes, int flows, long rateBps) {
        VmSource vm = world.call(() -> new VmSource(world.world, world.bond, rateBps, frameBytes, flows, 64));
        world.run(() -> vm.send(frames));
        world.advance(frames * frameBytes * 8L * 1_000_000_000L / rateBps + 50 * MILLIS);
        assertTrue(world.call(vm::done), () -> "the source sent everything: offered " + vm.offered + ", no buffer "
                + vm.noBuffer + ", held back " + vm.heldBack + ", bond " + world.stats());
        assertEquals(0, world.call(() -> vm.accountingViolations), "offered == sent + dropped + queued at every tick");
        return vm;
    }

    @Test
    void roundRobinSendsJumboFramesOnlyThroughTheMemberWhoseMtuCarriesThem() {
        PortFates fates = new PortFates();
        try (BondWorld world = mixed(Policies.ROUND_ROBIN, fates)) {
            send(world, 2_000, JUMBO_BYTES, 1);
            BondStats stats = world.stats();
            assertEquals(0, world.call(() -> world.nic0.counters().txDropsTooLong()), "never offered to the e100");
            assertEquals(0, stats.member(0).sentFrames());
            assertEquals(2_000, stats.member(1).sentFrames());
            assertEquals(0, stats.droppedFrames(), () -> "drops " + stats.drops());
            assertEquals(1_000, stats.mtuRedirects(), "every other frame round-robin chose the e100");
            assertEquals(2_000, world.stampedReceived("h"), "the host got every frame");
            assertEquals(2_000, fates.transmitted, "each completion reached the VM's figures");
            assertEquals(0, fates.droppedTotal());
            assertEquals(1500, stats.mtuBytes(), "the bond's MTU is its smallest member's");
            assertTrue(stats.mtuWarning().contains("nic0 1500, nic1 9000"), stats.mtuWarning());
        }
    }

    @Test
    void framesThatFitEveryMemberStillSpreadOverBoth() {
        PortFates fates = new PortFates();
        try (BondWorld world = mixed(Policies.ROUND_ROBIN, fates)) {
            send(world, 1_000, SMALL_BYTES, 1);
            BondStats stats = world.stats();
            assertTrue(stats.member(0).sentFrames() > 0 && stats.member(1).sentFrames() > 0, stats.toString());
            assertEquals(0, stats.mtuRedirects());
            assertEquals(1_000, fates.transmitted);
        }
    }

    @Test
    void aHashPolicyKeepsEachJumboFlowOnOneCapableMemberInOrder() {
        try (BondWorld world = mixed(Policies.HASH_L34, new PortFates())) {
            send(world, 4_000, JUMBO_BYTES, 32);
            HostStats host = world.host("h");
            assertEquals(32, host.flows().size());
            for (HostStats.FlowStats flow : host.flows()) {
                assertEquals(0, flow.reorderedFrames(), "flow " + flow.id());
                assertEquals(0, flow.lostFrames(), "flow " + flow.id());
            }
            assertEquals(0, world.stats().member(0).sentFrames());
            assertTrue(world.stats().mtuRedirects() > 0, "the e100's buckets were redirected");
        }
    }

    @Test
    void activeBackupSendsWhatThePrimaryCannotCarryByTheFirstMemberThatCan() {
        try (BondWorld world = mixed(Policies.FAILOVER_ORDER, new PortFates())) {
            send(world, 300, SMALL_BYTES, 4, 50_000_000L); // within what the e100 alone carries
            send(world, 300, JUMBO_BYTES, 4, RATE_BPS);
            BondStats stats = world.stats();
            assertEquals(300, stats.member(0).sentFrames(), "small frames stay on the primary");
            assertEquals(300, stats.member(1).sentFrames(), "jumbo frames take the backup, which carries them");
            assertEquals(0, stats.droppedFrames());
        }
    }

    @Test
    void aFrameNoCarryingMemberCanCarryIsDroppedTooLongAndCountedForItsVm() {
        PortFates fates = new PortFates();
        try (BondWorld world = mixed(Policies.ROUND_ROBIN, fates)) {
            world.run(() -> world.net.unplug("nic1"));
            send(world, 50, JUMBO_BYTES, 1);
            send(world, 50, SMALL_BYTES, 1);
            BondStats stats = world.stats();
            assertEquals(50, stats.dropped(DropReason.TOO_LONG));
            assertEquals(50, stats.mtuRefusals());
            assertEquals(0, world.call(() -> world.nic0.counters().txDropsTooLong()), "the e100 was never offered one");
            assertEquals(50, fates.dropped[DropReason.TOO_LONG.ordinal()], "the drops are the VM's");
            assertEquals(50, fates.transmitted, "the small frames went out on the e100");
        }
    }

    @Test
    void aPulledCableMidRunLeavesEveryFrameOfTheVmAccountedFor() {
        PortFates fates = new PortFates();
        try (BondWorld world = mixed(Policies.ROUND_ROBIN, fates)) {
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, RATE_BPS, JUMBO_BYTES, 1, 64));
            world.run(() -> vm.send(3_000));
            world.advance(200 * MILLIS + 777); // an odd instant: frames are on the e1000's ring
            world.run(() -> world.net.unplug("nic1"));
            world.advance(3 * MILLIS + 131);
            long offered = world.call(() -> vm.offered);
            long waiting = world.call(() -> (long) world.bond.queuedFrames() + world.nic0.pendingFrames()
                    + world.nic1.pendingFrames());
            assertTrue(fates.dropped[DropReason.TOO_LONG.ordinal()] > 0, "with the e1000 gone, jumbo frames fit none");
            assertEquals(offered, fates.transmitted + fates.droppedTotal() + waiting,
                    "offered = delivered + dropped + queued, for the VM");
            world.advance(1_000 * MILLIS);
            assertEquals(world.call(() -> vm.offered), fates.transmitted + fates.droppedTotal(), "and once drained");
            assertEquals(0, fates.otherPorts);
        }
    }
}
