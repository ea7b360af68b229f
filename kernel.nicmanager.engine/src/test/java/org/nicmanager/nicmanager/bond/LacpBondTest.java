package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.lib.lacp.LacpState;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.sim.network.model.PartnerLacp;

/**
 * Issue 7's "Done when", on simulated hardware in virtual time: a bond of two e1000 cards negotiates LACP with a
 * switch, spreads traffic over both, drops a member whose partner falls silent within the timeout, falls back to
 * active-backup when configured, and never distributes when it is not.
 */
class LacpBondTest {

    private static final PartnerLacp ACTIVE_FAST = new PartnerLacp(LacpMode.ACTIVE, true);
    private static final LacpSettings BOND_FAST = new LacpSettings(LacpMode.ACTIVE, true, 0, 1);
    private static final LacpSettings BOND_SLOW = new LacpSettings(LacpMode.ACTIVE, false, 0, 1);

    @Test
    void twoMembersDistributeWithinThreeSecondsOfAnActiveFastSwitchAndCarryTrafficBothWays() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_FAST, Policies.HASH_L34)) {
            world.advance(3 * SECOND);
            LacpBondStatus status = world.lacp();
            assertEquals("UP", status.aggregator());
            assertEquals(List.of("nic0", "nic1"), world.distributing());
            for (LacpBondStatus.Member member : status.members()) {
                assertEquals("DISTRIBUTING", member.mux(), member.name());
                assertEquals(0x3F, member.actor().stateBits() & 0x3F, "active, fast, in sync, collecting");
                assertEquals("02:53:53:00:00:01", member.partner().system(), "the switch is the partner");
                assertTrue(member.partner().state().containsAll(List.of("SYNCHRONIZATION", "COLLECTING")),
                        member.partner().state().toString());
            }
            assertEquals(2, world.call(() -> world.stats().members().stream().filter(BondStats.Member::carrying)
                    .count()));

            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 500_000_000L, 1000, 64, 64));
            world.run(() -> vm.send(20_000));
            world.hostSends(200_000_000L, 64, SECOND);
            world.advance(SECOND + 10 * MILLIS);
            BondStats stats = world.stats();
            assertEquals(20_000, stats.sentFrames());
            assertTrue(stats.member(0).sentFrames() > 5_000 && stats.member(1).sentFrames() > 5_000,
                    "the bond spreads its frames: " + stats.member(0).sentFrames() + " / "
                            + stats.member(1).sentFrames());
            assertTrue(stats.member(0).receivedFrames() > 5_000 && stats.member(1).receivedFrames() > 5_000,
                    "the switch spreads the host's frames over the aggregate: " + stats.member(0).receivedFrames()
                            + " / " + stats.member(1).receivedFrames());
            assertEquals(0, stats.droppedNotCollecting());
        }
    }

    @Test
    void aMemberWhosePartnerFallsSilentLeavesWithinThreeSecondsPlusOnePeriodOnFast() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_FAST, Policies.HASH_L34)) {
            world.advance(5 * SECOND);
            long silencedAt = world.now();
            world.run(() -> world.net.silenceLacp("sw/3", 0)); // nic1's port; its carrier stays up
            long leftAt = timeUntil(world, () -> !world.distributing().contains("nic1"), 10 * MILLIS, 10 * SECOND);
            long after = leftAt - silencedAt;
            assertTrue(after >= 2 * SECOND && after <= 4 * SECOND, "out after " + after / MILLIS + " ms");
            assertEquals(List.of("nic0"), world.distributing(), "the other member carries on");
            assertEquals("UP", world.call(() -> world.nic1.linkState().name()), "carrier never dropped");
            assertEquals(FailoverReason.LACP, world.call(world.bond::history).get(0).reason());

            world.run(() -> world.net.resumeLacp("sw/3"));
            world.advance(3 * SECOND);
            assertEquals(List.of("nic0", "nic1"), world.distributing(), "back once the partner speaks again");
        }
    }

    @Test
    void onSlowTheSilentPartnerIsNoticedWithinNinetySeconds() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_SLOW, Policies.HASH_L34)) {
            world.advance(35 * SECOND);
            assertEquals(List.of("nic0", "nic1"), world.distributing());
            long silencedAt = world.now();
            world.run(() -> world.net.silenceLacp("sw/3", 0));
            long leftAt = timeUntil(world, () -> !world.distributing().contains("nic1"), 100 * MILLIS,
                    120 * SECOND);
            long after = leftAt - silencedAt;
            assertTrue(after > 60 * SECOND && after <= 90 * SECOND, "out after " + after / MILLIS + " ms");
        }
    }

    @Test
    void withFallbackABondFacingASwitchWithoutLacpBecomesActiveBackupAfterTheConfiguredTime() {
        LacpSettings fallback = new LacpSettings(LacpMode.ACTIVE, true, 5 * SECOND, 1);
        try (BondWorld world = BondWorld.lacp(PartnerLacp.OFF, fallback, Policies.ROUND_ROBIN)) {
            world.advance(5 * SECOND - MILLIS);
            assertEquals(List.of(), world.distributing());
            assertEquals("DOWN", world.lacp().aggregator());
            world.advance(MILLIS);
            assertEquals("FALLBACK", world.lacp().aggregator());
            assertEquals(List.of("nic0"), world.distributing(), "one member, the first in failover order");

            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 100_000_000L, 1000, 4, 64));
            world.run(() -> vm.send(1000));
            world.advance(SECOND);
            assertEquals(1000, world.stats().member(0).sentFrames());
            assertEquals(0, world.stats().member(1).sentFrames());

            world.run(() -> world.net.unplug("nic0"));
            assertEquals(List.of("nic1"), world.distributing(), "active-backup fails over");
        }
    }

    @Test
    void withoutFallbackTheMembersNeverDistributeWhenThePartnerSpeaksNoLacp() {
        try (BondWorld world = BondWorld.lacp(PartnerLacp.OFF, BOND_FAST, Policies.ROUND_ROBIN)) {
            for (int i = 0; i < 12; i++) {
                world.advance(10 * SECOND);
                assertEquals(List.of(), world.distributing(), "at " + world.now() / SECOND + " s");
            }
            LacpBondStatus status = world.lacp();
            assertEquals("DOWN", status.aggregator());
            assertEquals("DEFAULTED", status.members().get(0).rx());
            assertTrue(status.lacpdusSent() > 0, "an active bond keeps asking");
        }
    }

    @Test
    void twoPassiveEndsNeverNegotiateAndAPassiveBondAnswersAnActiveSwitch() {
        LacpSettings passive = new LacpSettings(LacpMode.PASSIVE, true, 0, 1);
        try (BondWorld world = BondWorld.lacp(new PartnerLacp(LacpMode.PASSIVE, true), passive,
                Policies.ROUND_ROBIN)) {
            world.advance(60 * SECOND);
            assertEquals(List.of(), world.distributing());
            assertEquals(0, world.lacp().lacpdusSent(), "passive says nothing to passive");
        }
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, passive, Policies.ROUND_ROBIN)) {
            world.advance(3 * SECOND);
            assertEquals(List.of("nic0", "nic1"), world.distributing());
            assertEquals(0, world.lacp().members().get(0).actor().stateBits() & LacpState.ACTIVITY);
        }
    }

    @Test
    void belowMinLinksTheAggregateCarriesNothing() {
        LacpSettings twoLinks = new LacpSettings(LacpMode.ACTIVE, true, 0, 2);
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, twoLinks, Policies.ROUND_ROBIN)) {
            world.advance(3 * SECOND);
            assertEquals(List.of("nic0", "nic1"), world.distributing());
            world.run(() -> world.net.unplug("nic1"));
            assertEquals(List.of(), world.distributing());
            assertEquals("DOWN", world.lacp().aggregator());
            world.run(() -> world.net.plug("nic1"));
            world.advance(3 * SECOND);
            assertEquals("UP", world.lacp().aggregator());
        }
    }

    /** Issue 18 point 8: 802.1AX, port_enabled false makes the port UNSELECTED, and its mux DETACHED. */
    @Test
    void anUnpluggedMemberIsUnselectedAndDetachedAndRejoinsWhenPluggedBack() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_FAST, Policies.HASH_L34)) {
            world.advance(3 * SECOND);
            world.run(() -> world.net.unplug("nic1"));
            LacpBondStatus.Member unplugged = world.lacp().member("nic1");
            assertEquals("DETACHED", unplugged.mux());
            assertEquals("UNSELECTED", unplugged.selected());
            assertEquals("PORT_DISABLED", unplugged.rx());
            assertEquals(0, unplugged.actor().stateBits() & LacpState.SYNCHRONIZATION);
            assertEquals("DISTRIBUTING", world.lacp().member("nic0").mux(), "the other member carries on");
            world.advance(10 * SECOND);
            assertEquals("DETACHED", world.lacp().member("nic1").mux(), "and stays detached while unplugged");

            world.run(() -> world.net.plug("nic1"));
            world.advance(3 * SECOND);
            assertEquals("DISTRIBUTING", world.lacp().member("nic1").mux());
            assertEquals(List.of("nic0", "nic1"), world.distributing());
        }
    }

    @Test
    void aStaticBondSendsOverEveryMemberAndSpeaksNoLacp() {
        try (BondWorld world = BondWorld.lacp(new PartnerLacp(LacpMode.STATIC, false),
                new LacpSettings(LacpMode.STATIC, false, 0, 1), Policies.HASH_L34)) {
            world.run(() -> world.net.groupPorts("sw", "po1", List.of("nic0", "nic1")));
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 500_000_000L, 1000, 64, 64));
            world.run(() -> vm.send(10_000));
            world.hostSends(100_000_000L, 64, SECOND);
            world.advance(SECOND + 10 * MILLIS);
            BondStats stats = world.stats();
            assertEquals("STATIC", stats.lacp().aggregator());
            assertTrue(stats.member(0).sentFrames() > 2_000 && stats.member(1).sentFrames() > 2_000);
            assertTrue(stats.member(0).receivedFrames() > 2_000 && stats.member(1).receivedFrames() > 2_000,
                    "the static group spreads frames to the bond: " + stats.member(0).receivedFrames() + " / "
                            + stats.member(1).receivedFrames());
            assertEquals(0, stats.lacp().lacpdusSent());
        }
    }

    @Test
    void saturatedLinksBothWaysDoNotStarveLacp() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_FAST, Policies.HASH_L34)) {
            world.advance(3 * SECOND);
            // Both ways over capacity: the members' rings and the switch's egress queues stay full.
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 3_000_000_000L, 1514, 16, 64));
            world.run(() -> vm.send(3_000_000));
            world.hostSends(4_000_000_000L, 16, 10 * SECOND);
            for (int second = 0; second < 10; second++) {
                world.advance(SECOND);
                assertEquals(List.of("nic0", "nic1"), world.distributing(), "at second " + second);
            }
            assertEquals(0, world.stats().failovers(), "LACP never took a member out");
            assertTrue(world.call(() -> world.net.switchPorts("sw")).stream()
                    .anyMatch(port -> port.dropsQueueFull() > 0), "the switch's queues did overflow");
        }
    }

    @Test
    void framesThroughANegotiatedAggregateDoNotAllocate() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, BOND_FAST, Policies.HASH_L34)) {
            world.advance(3 * SECOND);
            VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 2_500_000_000L, 1514, 16, 64));
            world.run(() -> vm.send(1_000_000));
            world.hostSends(500_000_000L, 16, SECOND); // through the switch's aggregator, into the bond
            world.advance(30 * MILLIS);
            long offeredBefore = world.call(world.bond::offeredFrames);
            long receivedBefore = world.stats().member(0).receivedFrames() + world.stats().member(1).receivedFrames();
            long before = world.call(LacpBondTest::allocatedByThisThread);
            world.advance(30 * MILLIS);
            long allocated = world.call(LacpBondTest::allocatedByThisThread) - before;
            long sent = world.call(world.bond::offeredFrames) - offeredBefore;
            long received = world.stats().member(0).receivedFrames() + world.stats().member(1).receivedFrames()
                    - receivedBefore;
            // These 16 flows hash 12:4 and wait for their member when its ring is full: about 1.3 Gb/s leave.
            assertTrue(sent > 3_000 && received > 2_000, sent + " sent, " + received + " received");
            assertTrue(allocated < 4_096, allocated + " bytes allocated for " + (sent + received) + " frames");
        }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Advances in steps until {@code condition} holds; returns the kernel time it first held. */
    static long timeUntil(BondWorld world, java.util.function.BooleanSupplier condition, long step, long limit) {
        long deadline = world.now() + limit;
        while (world.now() < deadline) {
            world.advance(step);
            if (condition.getAsBoolean()) {
                return world.now();
            }
        }
        throw new AssertionError("not within " + limit / MILLIS + " ms");
    }
}
