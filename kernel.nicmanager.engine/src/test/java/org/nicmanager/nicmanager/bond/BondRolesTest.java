package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.E1000;
import static org.nicmanager.nicmanager.bond.BondWorld.E100;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.network.model.PartnerLacp;

/**
 * Issue 18, points 2 and 3: every member has a role by the bond's policy (ACTIVE, STANDBY, UNUSED, NOT_SELECTED, with
 * a reason), and the bond's capacity is what the policy carries, now and if members failed: the active member for
 * active-backup, every member in service for a spreading policy, the selected aggregator for LACP. Member 0 is an
 * e1000 (1 Gb/s), member 1 an e100 (100 Mb/s), so that every capacity names the members it counts.
 */
class BondRolesTest {

    private static final long GBPS = 1_000_000_000L;
    private static final long MBPS_100 = 100_000_000L;
    private static final PartnerLacp SWITCH_LACP = new PartnerLacp(LacpMode.ACTIVE, true);
    private static final LacpSettings BOND_LACP = new LacpSettings(LacpMode.ACTIVE, true, 0, 1);

    private static List<MemberRole> roles(BondStats stats) {
        return stats.info().members().stream().map(BondMember::role).toList();
    }

    private static String reason(BondStats stats, String nic) {
        return stats.info().members().stream().filter(member -> member.name().equals(nic)).findFirst().orElseThrow()
                .roleReason();
    }

    private static long capacity(Bond bond, String... failed) {
        return bond.capacityBps(Set.of(failed));
    }

    /** Counts the bond's "carriers changed" calls, on which the resource manager re-reads the capacity. */
    private static AtomicInteger watch(BondWorld world) {
        AtomicInteger changes = new AtomicInteger();
        world.run(() -> world.bond.setObserver(new BondObserver() {
            @Override
            public void recorded(Bond bond, FailoverEvent event) {
            }

            @Override
            public void carriersChanged(Bond bond) {
                changes.incrementAndGet();
            }
        }));
        return changes;
    }

    @Test
    void failoverOrderCarriesOnItsActiveMemberOnlyAndTheStandbyAddsNoCapacity() {
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, BondSettings.defaults(), 0, E1000,
                E100)) {
            AtomicInteger changes = watch(world);
            BondStats stats = world.stats();
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(stats));
            assertEquals(List.of(true, false), stats.info().members().stream().map(BondMember::active).toList(),
                    "active only for the member carrying traffic");
            assertEquals(List.of("nic0"), stats.info().carryingNow());
            assertTrue(reason(stats, "nic1").contains("standing by behind nic0"), reason(stats, "nic1"));
            assertEquals(GBPS, world.call(() -> capacity(world.bond)), "the active member's rate, not 1.1 Gb/s");
            assertEquals(GBPS, world.call(() -> capacity(world.bond, "nic1")), "failing the standby changes nothing");
            assertEquals(MBPS_100, world.call(() -> capacity(world.bond, "nic0")), "failing the active: the standby's");
            assertEquals(0, world.call(() -> capacity(world.bond, "nic0", "nic1")));
            assertEquals(GBPS, world.call(() -> capacity(world.bond, "vmnic7")), "a NIC not in the bond changes nothing");

            world.run(() -> world.net.unplug("nic0"));
            BondStats failed = world.stats();
            assertEquals(List.of(MemberRole.UNUSED, MemberRole.ACTIVE), roles(failed));
            assertEquals("link DOWN", reason(failed, "nic0"));
            assertEquals(List.of("nic1"), failed.info().carryingNow());
            assertEquals(MBPS_100, world.call(() -> capacity(world.bond)));
            assertEquals(1, changes.get(), "the failover told the observer");

            world.run(() -> world.net.plug("nic0"));
            world.advance(MILLIS);
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(world.stats()), "failed back");
            assertEquals(GBPS, world.call(() -> capacity(world.bond)));
            assertEquals(2, changes.get(), "the failback told the observer");
        }
    }

    @Test
    void aMemberHeldDownByADelayedFailbackIsUnusedUntilItReturns() {
        BondSettings delayed = BondSettings.defaults().withFailback(FailbackMode.DELAYED, 2 * SECOND);
        try (BondWorld world = new BondWorld(Policies.FAILOVER_ORDER, delayed, 0, E1000, E100)) {
            world.run(() -> world.net.unplug("nic0"));
            world.run(() -> world.net.plug("nic0"));
            world.advance(500 * MILLIS);
            BondStats held = world.stats();
            assertEquals(List.of(MemberRole.UNUSED, MemberRole.ACTIVE), roles(held));
            assertTrue(reason(held, "nic0").startsWith("recovered; delayed failback returns it in 1.5s"),
                    reason(held, "nic0"));
            assertEquals(MBPS_100, world.call(() -> capacity(world.bond)));
            assertEquals(MBPS_100, world.call(() -> capacity(world.bond, "nic0")), "it carries nothing yet");

            world.advance(1600 * MILLIS);
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(world.stats()));
            assertEquals(GBPS, world.call(() -> capacity(world.bond)));
        }
    }

    @Test
    void aSpreadingPolicyMakesEveryMemberInServiceActiveAndAPolicyChangeChangesTheCapacity() {
        try (BondWorld world = new BondWorld(Policies.HASH_L34, BondSettings.defaults(), 0, E1000, E100)) {
            AtomicInteger changes = watch(world);
            BondStats stats = world.stats();
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.ACTIVE), roles(stats));
            assertEquals(List.of("nic0", "nic1"), stats.info().carryingNow());
            assertTrue(reason(stats, "nic1").contains("hash-l34 spreads traffic"), reason(stats, "nic1"));
            assertEquals(GBPS + MBPS_100, world.call(() -> capacity(world.bond)));
            assertEquals(MBPS_100, world.call(() -> capacity(world.bond, "nic0")));
            assertEquals(GBPS, world.call(() -> capacity(world.bond, "nic1")));

            world.run(() -> world.bond.setPolicy(PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY))
                    .require(Policies.FAILOVER_ORDER)));
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(world.stats()));
            assertEquals(GBPS, world.call(() -> capacity(world.bond)));
            assertEquals(1, changes.get(), "a policy change re-reads the capacity");

            world.run(() -> world.bond.setPolicy(PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY))
                    .require(Policies.ROUND_ROBIN)));
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.ACTIVE), roles(world.stats()));
            assertEquals(GBPS + MBPS_100, world.call(() -> capacity(world.bond)));
        }
    }

    @Test
    void lacpLeavesAMemberOfAnotherKeyNotSelectedAndCountsOnlyTheSelectedAggregator() {
        try (BondWorld world = BondWorld.lacp(SWITCH_LACP, BOND_LACP, Policies.HASH_L34, E100)) {
            BondStats negotiating = world.stats();
            assertEquals(List.of(MemberRole.NOT_SELECTED, MemberRole.NOT_SELECTED), roles(negotiating));
            assertTrue(reason(negotiating, "nic0").startsWith("negotiating"), reason(negotiating, "nic0"));
            assertEquals(0, world.call(() -> world.bond.capacityBps(Set.of())), "nothing distributes yet");

            world.advance(3 * SECOND);
            BondStats stats = world.stats();
            assertEquals(List.of("nic0"), world.distributing());
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.NOT_SELECTED), roles(stats));
            String why = reason(stats, "nic1");
            assertTrue(why.startsWith("not in the selected aggregator (key 7 to "), why);
            assertTrue(why.contains("partner key 5 differs from 7"), why);
            assertTrue(why.contains("own key 5 differs from 7 (another speed)"), why);
            assertEquals(List.of("nic0"), stats.info().carryingNow());
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(Set.of())), "the selected aggregator only");
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(Set.of("nic1"))));
            assertEquals(MBPS_100, world.call(() -> world.bond.capacityBps(Set.of("nic0"))),
                    "without nic0, selection takes nic1's group");

            world.run(() -> world.net.unplug("nic0"));
            world.advance(3 * SECOND);
            assertEquals(List.of(MemberRole.UNUSED, MemberRole.ACTIVE), roles(world.stats()));
            assertEquals(MBPS_100, world.call(() -> world.bond.capacityBps(Set.of())));
        }
    }

    @Test
    void lacpWithFailoverOrderHasOneActiveMemberInTheAggregateAndMinLinksCanTakeItAllAway() {
        LacpSettings twoLinks = new LacpSettings(LacpMode.ACTIVE, true, 0, 2);
        try (BondWorld world = BondWorld.lacp(SWITCH_LACP, twoLinks, Policies.FAILOVER_ORDER)) {
            world.advance(3 * SECOND);
            assertEquals(List.of("nic0", "nic1"), world.distributing());
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(world.stats()));
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(Set.of())));
            assertEquals(0, world.call(() -> world.bond.capacityBps(Set.of("nic1"))),
                    "one link left is below min-links 2: the aggregate goes down");

            world.run(() -> world.net.unplug("nic1"));
            BondStats down = world.stats();
            assertEquals(List.of(MemberRole.NOT_SELECTED, MemberRole.UNUSED), roles(down));
            assertEquals("the aggregate is down: 1 member distributing, min-links 2", reason(down, "nic0"));
            assertEquals(0, world.call(() -> world.bond.capacityBps(Set.of())));
        }
    }

    @Test
    void lacpFallbackIsActiveBackup() {
        LacpSettings fallback = new LacpSettings(LacpMode.ACTIVE, true, 5 * SECOND, 1);
        try (BondWorld world = BondWorld.lacp(PartnerLacp.OFF, fallback, Policies.ROUND_ROBIN)) {
            world.advance(5 * SECOND);
            BondStats stats = world.stats();
            assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY), roles(stats));
            assertTrue(reason(stats, "nic1").startsWith("LACP fallback (active-backup): in service, standing by"),
                    reason(stats, "nic1"));
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(Set.of())));
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(Set.of("nic0"))), "nic1 takes over");
        }
    }
}
