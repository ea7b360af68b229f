package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;
import static org.nicmanager.nicmanager.bond.ScriptedBond.FLOOD;
import static org.nicmanager.nicmanager.bond.ScriptedBond.NOTHING;
import static org.nicmanager.nicmanager.bond.ScriptedBond.OTHERS_PROBE;
import static org.nicmanager.nicmanager.bond.ScriptedBond.REPLY_1;
import static org.nicmanager.nicmanager.bond.ScriptedBond.REPLY_2;
import static org.nicmanager.nicmanager.bond.ScriptedBond.TARGET_1;
import static org.nicmanager.nicmanager.bond.ScriptedBond.TARGET_2;
import static org.nicmanager.nicmanager.bond.ScriptedBond.THIRD_PARTY_ARP;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.bond.ScriptedBond.Kind;
import org.nicmanager.nicmanager.distribution.Policies;

/**
 * Each {@code arp_validate} mode and {@code arp_all_targets} as Linux's Documentation/networking/bonding.rst defines
 * them, one test per mode. A failover-order bond of s0 (active: first in the order) and s1 (backup); the monitor asks
 * every 100 ms and waits two intervals; each member is fed one kind of frame every 50 ms for a second. A failback is
 * manual, so that a member that failed over stays a backup and the roles the test names hold.
 *
 * <p>Kinds: FLOOD (unknown unicast, not ARP: the congestion case), THIRD_PARTY_ARP (ARP between other hosts),
 * REPLY_n (target n's reply to the member's own probe: validated ARP), OTHERS_PROBE (the other member's probe flooded
 * back: validates a backup, once the active member has been validated since it became active).
 */
class ArpValidateTest {

    private static final long INTERVAL = 100 * MILLIS;

    private static ScriptedBond bond(String policy, ArpValidate mode, boolean allTargets,
            Integer... targets) {
        return new ScriptedBond(policy, BondSettings.defaults().withFailback(FailbackMode.MANUAL, 0).withArpMonitor(
                new ArpMonitorSettings(List.of(targets), INTERVAL, 2, mode, allTargets)));
    }

    private static ScriptedBond fed(ArpValidate mode, Kind toActive, Kind toBackup) {
        ScriptedBond bond = bond(Policies.FAILOVER_ORDER, mode, false, TARGET_1);
        bond.feed(SECOND, toActive, toBackup);
        return bond;
    }

    private static void assertStates(ScriptedBond bond, MemberState active, MemberState backup) {
        BondStats stats = bond.stats();
        assertEquals(List.of(active, backup), List.of(stats.member(0).state(), stats.member(1).state()),
                "s0, s1; history " + bond.history());
    }

    /** The one failover that happened: s0 (the active member) went ARP_UNANSWERED, and s1 took over. */
    private static void assertActiveFailedOver(ScriptedBond bond) {
        List<FailoverEvent> history = bond.history();
        assertEquals(1, history.size(), history.toString());
        assertEquals("s0", history.get(0).member());
        assertEquals(FailoverReason.ARP_UNANSWERED, history.get(0).reason());
        assertTrue(bond.stats().member(1).carrying(), "s1 carries now");
    }

    @Test
    void noneTheDefaultCountsAnyFrameAsLifeSoAFloodedMemberStaysInService() {
        assertEquals(ArpValidate.NONE, new ArpMonitorSettings(List.of(TARGET_1), INTERVAL, 2).validate());
        assertFalse(new ArpMonitorSettings(List.of(TARGET_1), INTERVAL, 2).allTargets());
        try (ScriptedBond bond = fed(ArpValidate.NONE, FLOOD, FLOOD)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertEquals(List.of(), bond.history(), "no answer was heard, but both members received: no failover");
            assertTrue(bond.stats().member(0).carrying());
            assertFalse(bond.stats().member(0).arpValidated());
            bond.feed(4 * INTERVAL, NOTHING, NOTHING);
            assertStates(bond, MemberState.UNREACHABLE, MemberState.UNREACHABLE);
        }
    }

    @Test
    void activeValidatesTheActiveMemberOnlyBackupsLiveByAnyFrame() {
        try (ScriptedBond bond = fed(ArpValidate.ACTIVE, REPLY_1, FLOOD)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertTrue(bond.stats().member(0).arpValidated());
            assertFalse(bond.stats().member(1).arpValidated());
        }
        try (ScriptedBond bond = fed(ArpValidate.ACTIVE, FLOOD, REPLY_1)) {
            assertActiveFailedOver(bond); // received plenty, but no target answered it
            assertStates(bond, MemberState.UP, MemberState.UP); // s0 is a backup now: the flood is life again
            assertFalse(bond.stats().member(0).carrying(), "back as a backup, waiting for a manual failback");
            assertTrue(bond.stats().member(1).arpValidated(), "the new active member is validated");
        }
    }

    @Test
    void backupValidatesBackupsOnlyTheActiveMemberLivesByAnyFrame() {
        try (ScriptedBond bond = fed(ArpValidate.BACKUP, FLOOD, REPLY_1)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertFalse(bond.stats().member(0).arpValidated());
            assertTrue(bond.stats().member(1).arpValidated());
        }
        try (ScriptedBond bond = fed(ArpValidate.BACKUP, FLOOD, FLOOD)) {
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE);
            assertEquals("s1", bond.history().get(0).member(), "only the backup left service");
            assertTrue(bond.stats().member(0).carrying());
        }
    }

    @Test
    void aBackupIsValidatedByTheActiveMembersProbeOnlyOnceTheActiveMemberWasValidated() {
        try (ScriptedBond bond = fed(ArpValidate.BACKUP, REPLY_1, OTHERS_PROBE)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertEquals(0, bond.stats().member(1).arpAnswers(), "s1 heard no answer, only s0's request");
        }
        try (ScriptedBond bond = fed(ArpValidate.BACKUP, FLOOD, OTHERS_PROBE)) {
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE); // s0 alive by the flood, but never validated
        }
    }

    @Test
    void allValidatesEveryMember() {
        try (ScriptedBond bond = fed(ArpValidate.ALL, REPLY_1, OTHERS_PROBE)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertTrue(bond.stats().member(0).arpValidated());
            assertTrue(bond.stats().member(1).arpValidated());
        }
        try (ScriptedBond bond = fed(ArpValidate.ALL, REPLY_1, FLOOD)) {
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE);
        }
        try (ScriptedBond bond = fed(ArpValidate.ALL, FLOOD, REPLY_1)) {
            assertActiveFailedOver(bond);
            assertStates(bond, MemberState.UNREACHABLE, MemberState.UP); // as a backup too, the flood is not life
        }
    }

    @Test
    void filterCountsOnlyArpFramesFromAnyoneAndValidatesNobody() {
        try (ScriptedBond bond = fed(ArpValidate.FILTER, THIRD_PARTY_ARP, THIRD_PARTY_ARP)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertFalse(bond.stats().member(0).arpValidated());
            assertFalse(bond.stats().member(1).arpValidated());
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER, FLOOD, FLOOD)) {
            assertStates(bond, MemberState.UNREACHABLE, MemberState.UNREACHABLE);
            assertEquals(FailoverReason.ARP_UNANSWERED, bond.history().get(0).reason());
        }
    }

    @Test
    void filterActiveValidatesTheActiveMemberAndFiltersBackups() {
        try (ScriptedBond bond = fed(ArpValidate.FILTER_ACTIVE, REPLY_1, THIRD_PARTY_ARP)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER_ACTIVE, REPLY_1, FLOOD)) {
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE);
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER_ACTIVE, THIRD_PARTY_ARP, REPLY_1)) {
            assertActiveFailedOver(bond); // any ARP is not enough for the validated active member
            assertStates(bond, MemberState.UP, MemberState.UP); // as a backup, any ARP is
        }
    }

    @Test
    void filterBackupValidatesBackupsAndFiltersTheActiveMember() {
        try (ScriptedBond bond = fed(ArpValidate.FILTER_BACKUP, THIRD_PARTY_ARP, REPLY_1)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER_BACKUP, THIRD_PARTY_ARP, THIRD_PARTY_ARP)) {
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE);
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER_BACKUP, FLOOD, REPLY_1)) {
            assertActiveFailedOver(bond); // the active member is filtered: a flood is not ARP
        }
    }

    @Test
    void allTargetsAllNeedsEveryTargetToAnswerAValidatedMember() {
        Kind[] both = {REPLY_1, REPLY_2};
        Kind[] first = {REPLY_1};
        try (ScriptedBond bond = bond(Policies.FAILOVER_ORDER, ArpValidate.ALL, false, TARGET_1, TARGET_2)) {
            bond.feed(SECOND, both, first);
            assertStates(bond, MemberState.UP, MemberState.UP); // any: one target is enough
        }
        try (ScriptedBond bond = bond(Policies.FAILOVER_ORDER, ArpValidate.ALL, true, TARGET_1, TARGET_2)) {
            bond.feed(SECOND, both, first);
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE); // all: target 2 never answered s1
            bond.feed(SECOND, both, both);
            assertStates(bond, MemberState.UP, MemberState.UP);
        }
    }

    @Test
    void allTargetsAppliesOnlyToValidatedMembers() {
        try (ScriptedBond bond = bond(Policies.FAILOVER_ORDER, ArpValidate.ACTIVE, true, TARGET_1,
                TARGET_2)) {
            bond.feed(SECOND, new Kind[] {REPLY_1, REPLY_2}, new Kind[] {FLOOD});
            assertStates(bond, MemberState.UP, MemberState.UP); // the backup is not validated: the flood is life
            bond.feed(SECOND, new Kind[] {REPLY_1}, new Kind[] {REPLY_1, REPLY_2});
            assertActiveFailedOver(bond); // target 2 fell silent for s0; s1, active now, hears both
            assertStates(bond, MemberState.UP, MemberState.UP);
        }
    }

    /**
     * In Linux's active-backup only the active slave probes, so the only probe of its own a bond hears is the active
     * member's, on a backup. Here backups probe too; their probes, flooded back to the active member, are no life:
     * otherwise two members on one segment keep each other in service on their own probes after every target died.
     */
    @Test
    void onlyTheActiveMembersProbeIsLifeAndOnlyForABackup() {
        try (ScriptedBond bond = fed(ArpValidate.NONE, OTHERS_PROBE, FLOOD)) {
            assertActiveFailedOver(bond); // the active member heard nothing but the backup's probes
            assertStates(bond, MemberState.UP, MemberState.UP); // s0, a backup now, lives by s1's: the active's
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER, OTHERS_PROBE, THIRD_PARTY_ARP)) {
            assertActiveFailedOver(bond); // the backup's probe is ARP, but not life for the active member
        }
        try (ScriptedBond bond = fed(ArpValidate.NONE, FLOOD, OTHERS_PROBE)) {
            assertStates(bond, MemberState.UP, MemberState.UP); // the active member's probe is life to a backup
            assertEquals(List.of(), bond.history());
        }
        try (ScriptedBond bond = fed(ArpValidate.FILTER, THIRD_PARTY_ARP, OTHERS_PROBE)) {
            assertStates(bond, MemberState.UP, MemberState.UP);
            assertEquals(List.of(), bond.history());
        }
    }

    @Test
    void inASpreadingPolicyEveryMemberIsActiveAsInLinuxBalanceModes() {
        try (ScriptedBond bond = bond(Policies.ROUND_ROBIN, ArpValidate.BACKUP, false, TARGET_1)) {
            bond.feed(SECOND, FLOOD, FLOOD);
            assertStates(bond, MemberState.UP, MemberState.UP); // no backups: nobody is validated
        }
        try (ScriptedBond bond = bond(Policies.ROUND_ROBIN, ArpValidate.ACTIVE, false, TARGET_1)) {
            bond.feed(SECOND, REPLY_1, FLOOD);
            assertStates(bond, MemberState.UP, MemberState.UNREACHABLE); // both validated
        }
    }

    @Test
    void namesAreLinuxsAndARefusalNamesTheValueAndTheChoices() {
        assertEquals(ArpValidate.FILTER_ACTIVE, ArpValidate.parse("--arp-validate", "filter_active"));
        assertEquals(ArpValidate.FILTER_BACKUP, ArpValidate.parse("--arp-validate", "filter-backup"));
        assertEquals(ArpValidate.ALL, ArpValidate.parse("--arp-validate", "3"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ArpValidate.parse("--arp-validate", "strict"));
        assertEquals("bad --arp-validate 'strict': expected none|active|backup|all|filter|filter_active|filter_backup",
                bad.getMessage());
        assertTrue(ArpMonitorSettings.parseAllTargets("--arp-all-targets", "all"));
        assertFalse(ArpMonitorSettings.parseAllTargets("--arp-all-targets", "any"));
        assertEquals("bad --arp-all-targets 'most': expected any|all", assertThrows(IllegalArgumentException.class,
                () -> ArpMonitorSettings.parseAllTargets("--arp-all-targets", "most")).getMessage());
    }
}
