package org.nicmanager.nicmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;

class PolicyAliasesTest {

    private static final PolicyCatalog OFFERED = PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY));

    private final PolicyAliases aliases = new PolicyAliases();

    @Test
    void anAliasIsShownWhileTheBondKeepsItsPolicy() {
        aliases.remember("b", PolicyNames.parse("active-backup", OFFERED::resolve));

        assertEquals("active-backup", aliases.aliasOf("b", Policies.FAILOVER_ORDER));
        assertNull(aliases.aliasOf("other", Policies.FAILOVER_ORDER));
    }

    @Test
    void aPolicyChangedElsewhereDropsTheStaleAlias() {
        aliases.remember("b", PolicyNames.parse("active-backup", OFFERED::resolve));

        assertNull(aliases.aliasOf("b", Policies.HASH_L34), "the configuration changed the policy");
    }

    @Test
    void aCanonicalNameOrADeleteForgetsTheAlias() {
        aliases.remember("b", PolicyNames.parse("balance-tcp", OFFERED::resolve));
        aliases.remember("b", PolicyNames.parse("hash-l34", OFFERED::resolve));
        assertNull(aliases.aliasOf("b", Policies.HASH_L34));

        aliases.remember("c", PolicyNames.parse("balance-tcp", OFFERED::resolve));
        aliases.forget("c");
        assertNull(aliases.aliasOf("c", Policies.HASH_L34));
    }
}
