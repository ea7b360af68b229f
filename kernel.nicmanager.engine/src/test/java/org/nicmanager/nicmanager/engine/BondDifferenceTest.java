package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/** What a configuration asks of a live bond, in the terms of the operations that change one. */
class BondDifferenceTest {

    private static final BondConfig LIVE = new BondConfig("bond0", Policies.ROUND_ROBIN,
            FailbackMode.IMMEDIATE, 2000, List.of("nic0", "nic1", "nic9"), LacpSettings.off());
    /** nic9 is given to the bond but not present now. */
    private static final List<String> PRESENT = List.of("nic0", "nic1");

    private static BondConfig desired(List<String> nics) {
        return new BondConfig("bond0", Policies.ROUND_ROBIN, FailbackMode.IMMEDIATE, 2000, nics,
                LacpSettings.off());
    }

    @Test
    void theSameBondDiffersInNothingWhereverItsAbsentNicsAre() {
        assertTrue(BondDifference.between(LIVE, PRESENT, LIVE).none());
        assertTrue(BondDifference.between(LIVE, PRESENT, desired(List.of("nic9", "nic0", "nic1"))).none(),
                "an absent NIC has no place in the failover order until it arrives");
    }

    @Test
    void membersLeavingJoiningAndReorderedAreNamed() {
        BondDifference difference = BondDifference.between(LIVE, PRESENT, desired(List.of("nic1", "nic2", "nic0")));
        assertEquals(List.of("nic9"), difference.leaving());
        assertEquals(List.of("nic2"), difference.joining());
        assertTrue(difference.reorder());
        assertFalse(difference.recreates());
        assertFalse(difference.none());
    }

    @Test
    void failbackAndLinkAggregationNeedARecreatedBondAndAWriterThatDoesNotKnowLacpKeepsIt() {
        BondConfig lacp = new BondConfig("bond0", Policies.ROUND_ROBIN, FailbackMode.DELAYED, 2000,
                LIVE.nics(), new LacpSettings(LacpMode.ACTIVE, true, 3_000_000_000L, 2));
        BondDifference difference = BondDifference.between(LIVE, PRESENT, lacp);
        assertEquals(List.of("failback IMMEDIATE -> DELAYED", "lacp off -> active", "lacpRate slow -> fast",
                "lacpFallbackMs 0 -> 3000", "lacpMinLinks 1 -> 2"), difference.fixedSettings());
        assertTrue(difference.recreates());

        BondConfig unknowing = new BondConfig("bond0", Policies.HASH_L34, FailbackMode.IMMEDIATE, 2000,
                LIVE.nics());
        BondDifference policyOnly = BondDifference.between(LIVE, PRESENT, unknowing);
        assertTrue(policyOnly.policyChanges());
        assertFalse(policyOnly.recreates());
    }

    @Test
    void aNewFailoverOnBusyTimeIsChangedLiveAndAWriterThatDoesNotKnowItKeepsIt() {
        BondConfig live = new BondConfig("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE, 2000,
                PRESENT, LacpSettings.off(), null, null, 0L, null);
        BondConfig busy = new BondConfig("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE, 2000,
                PRESENT, LacpSettings.off(), null, null, 500L, null);
        BondDifference difference = BondDifference.between(live, PRESENT, busy);
        assertTrue(difference.failoverOnBusyChanges());
        assertFalse(difference.recreates(), "a running bond changes it without being re-created");
        assertFalse(difference.none());
        BondConfig unknowing = new BondConfig("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE,
                2000, PRESENT, LacpSettings.off());
        assertTrue(BondDifference.between(live, PRESENT, unknowing).none());
        assertTrue(BondDifference.between(busy, PRESENT, busy).none());
    }
}
