package org.nicmanager.nicmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;

class PolicyNamesTest {

    private static final PolicyCatalog OFFERED = PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY));

    @ParameterizedTest
    @CsvSource({"active-backup, failover-order", "balance-rr, round-robin", "balance-xor, hash-l2",
        "balance-slb, hash-l2-src", "balance-tcp, hash-l34", "loadbalance_srcid, per-vm",
        "loadbalance_srcmac, hash-l2-src", "loadbalance_ip, hash-l3", "failover_explicit, failover-order",
        "loadbalance_loadbased, load-based"})
    void anAliasMeansItsPolicyAndIsRemembered(String alias, String policy) {
        PolicyNames.Chosen chosen = PolicyNames.parse(alias, OFFERED::resolve);

        assertEquals(policy, chosen.policy());
        assertEquals(alias, chosen.alias());
    }

    @Test
    void everyCanonicalNameIsItselfWithoutAlias() {
        for (String policy : Policies.BUILT_IN) {
            PolicyNames.Chosen chosen = PolicyNames.parse(policy, OFFERED::resolve);
            assertEquals(policy, chosen.policy());
            assertNull(chosen.alias());
        }
    }

    @Test
    void eightOhTwoThreeAdIsRefusedPointingAtTheLacpOption() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PolicyNames.parse("802.3ad", OFFERED::resolve))
                .getMessage();

        assertTrue(message.startsWith("policy '802.3ad' is refused: "), message);
        assertTrue(message.contains("--lacp active --policy hash-l2"), message);
    }

    @ParameterizedTest
    @CsvSource({"balance-tlb", "balance-alb"})
    void linuxAdaptiveModesAreRefusedWithTheReasonAndTheNearestPolicy(String alias) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PolicyNames.parse(alias, OFFERED::resolve)).getMessage();

        assertTrue(message.startsWith("policy '" + alias + "' is refused: "), message);
        assertTrue(message.contains("which this NIC manager does not do"), message);
        assertTrue(message.contains("nearest policy is load-based"), message);
    }

    @Test
    void anUnknownNameListsCanonicalNamesAndAliases() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PolicyNames.parse("fastest", OFFERED::resolve))
                .getMessage();

        assertTrue(message.startsWith("unknown policy 'fastest'; allowed: round-robin"), message);
        assertTrue(message.contains("failover-order"), message);
        assertTrue(message.contains("; aliases: balance-rr (round-robin)"), message);
        assertTrue(message.contains("active-backup (failover-order)"), message);
        assertTrue(message.contains("loadbalance_srcid (per-vm)"), message);
    }
}
