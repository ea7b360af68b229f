package org.nicmanager.nicmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

class PolicyAliasesTest {

    private final PolicyAliases aliases = new PolicyAliases();

    @Test
    void anAliasIsShownWhileTheBondKeepsItsPolicy() {
        aliases.remember("b", PolicyNames.parse("active-backup"));

        assertEquals("active-backup", aliases.aliasOf("b", LoadDistribution.FAILOVER_ORDER));
        assertNull(aliases.aliasOf("other", LoadDistribution.FAILOVER_ORDER));
    }

    @Test
    void aPolicyChangedElsewhereDropsTheStaleAlias() {
        aliases.remember("b", PolicyNames.parse("active-backup"));

        assertNull(aliases.aliasOf("b", LoadDistribution.HASH_L34), "the configuration changed the policy");
    }

    @Test
    void aCanonicalNameOrADeleteForgetsTheAlias() {
        aliases.remember("b", PolicyNames.parse("balance-tcp"));
        aliases.remember("b", PolicyNames.parse("hash-l34"));
        assertNull(aliases.aliasOf("b", LoadDistribution.HASH_L34));

        aliases.remember("c", PolicyNames.parse("balance-tcp"));
        aliases.forget("c");
        assertNull(aliases.aliasOf("c", LoadDistribution.HASH_L34));
    }
}
