package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.sim.network.model.PartnerLacp;

/**
 * Issue 18 point 4: the capacity reservations are admitted against is what the policy carries with every member up
 * and selected, the same before, during and after LACP negotiation and while a member is down.
 */
class AdmissibleCapacityTest {

    private static final long GBPS = 1_000_000_000L;
    private static final long MBPS = 1_000_000L;
    private static final LacpSettings LACP = new LacpSettings(LacpMode.ACTIVE, true, 0, 1);
    private static final PartnerLacp ACTIVE_FAST = new PartnerLacp(LacpMode.ACTIVE, true);

    @Test
    void spreadingPoliciesCountEveryMemberAndActiveBackupItsLargestOne() {
        long[] mixed = {GBPS, 100 * MBPS};
        assertEquals(1100 * MBPS, AdmissibleCapacity.of(mixed, Spreading.KEEPS_FLOWS, LacpSettings.off()));
        assertEquals(1100 * MBPS, AdmissibleCapacity.of(mixed, Spreading.FRAME_BY_FRAME, LacpSettings.off()));
        assertEquals(GBPS, AdmissibleCapacity.of(mixed, Spreading.ONE_MEMBER, LacpSettings.off()),
                "one member at a time, at most the fastest");
        assertEquals(GBPS, AdmissibleCapacity.of(new long[] {100 * MBPS, GBPS}, Spreading.ONE_MEMBER,
                LacpSettings.off()), "whatever the order");
        assertEquals(0, AdmissibleCapacity.of(new long[0], Spreading.KEEPS_FLOWS, LacpSettings.off()));
        assertEquals(1100 * MBPS, AdmissibleCapacity.of(mixed, Spreading.KEEPS_FLOWS,
                new LacpSettings(LacpMode.STATIC, false, 0, 1)), "a static group aggregates every member");
    }

    @Test
    void lacpAggregatesOneSpeedAndOnlyAGroupThatMeetsMinLinks() {
        long[] mixed = {GBPS, GBPS, 100 * MBPS, 100 * MBPS, 100 * MBPS};
        assertEquals(2 * GBPS, AdmissibleCapacity.of(mixed, Spreading.KEEPS_FLOWS, LACP),
                "links of another speed (another key) are never selected with these");
        assertEquals(300 * MBPS, AdmissibleCapacity.of(mixed, Spreading.KEEPS_FLOWS,
                new LacpSettings(LacpMode.ACTIVE, true, 0, 3)), "only the 100 Mb/s group has three links");
        assertEquals(0, AdmissibleCapacity.of(mixed, Spreading.KEEPS_FLOWS,
                new LacpSettings(LacpMode.ACTIVE, true, 0, 4)), "no group can ever meet min-links 4");
        assertEquals(GBPS, AdmissibleCapacity.of(mixed, Spreading.ONE_MEMBER, LACP));
    }

    @Test
    void anLacpBondCanAdmitItsAggregateBeforeNegotiationEndsWhileItCarriesNothingYet() {
        try (BondWorld world = BondWorld.lacp(ACTIVE_FAST, LACP, "hash-l34")) {
            assertEquals(0, world.call(() -> world.bond.capacityBps(java.util.Set.of())), "still negotiating");
            assertEquals(2 * GBPS, world.call(world.bond::admissibleCapacityBps));
            world.advance(3 * BondWorld.SECOND);
            assertEquals(2 * GBPS, world.call(() -> world.bond.capacityBps(java.util.Set.of())), "negotiated");
            assertEquals(2 * GBPS, world.call(world.bond::admissibleCapacityBps), "the same answer as before");
            world.run(() -> world.net.unplug("nic1"));
            world.advance(100 * BondWorld.MILLIS);
            assertEquals(GBPS, world.call(() -> world.bond.capacityBps(java.util.Set.of())));
            assertEquals(2 * GBPS, world.call(world.bond::admissibleCapacityBps), "a link down changes nothing");
            world.run(() -> world.bond.removeMember(1));
            assertEquals(GBPS, world.call(world.bond::admissibleCapacityBps), "a member removed does");
        }
    }
}
