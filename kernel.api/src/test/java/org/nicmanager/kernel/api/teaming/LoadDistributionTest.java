package org.nicmanager.kernel.api.teaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadDistributionTest {

    @ParameterizedTest
    @EnumSource(LoadDistribution.class)
    void everyPolicyIsFoundByItsShellName(LoadDistribution policy) {
        assertEquals(policy, LoadDistribution.fromShellName(policy.shellName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "roundrobin", "ROUND-ROBIN", "ROUND_ROBIN", " hash-l34"})
    void unknownNameIsRefusedListingEveryAllowedName(String name) {
        assertRefusedListingEveryName(name);
    }

    @ParameterizedTest
    @NullSource
    void nullIsRefusedLikeAnUnknownName(String name) {
        assertRefusedListingEveryName(name);
    }

    @Test
    void onlyPerVmPriorityAwareAndLoadBasedNeedVmInformation() {
        Set<LoadDistribution> vmAware = EnumSet.noneOf(LoadDistribution.class);
        for (LoadDistribution policy : LoadDistribution.values()) {
            if (policy.vmAware()) {
                vmAware.add(policy);
            }
        }

        assertEquals(EnumSet.of(LoadDistribution.PER_VM, LoadDistribution.PRIORITY_AWARE, LoadDistribution.LOAD_BASED),
                vmAware);
    }

    private static void assertRefusedListingEveryName(String name) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LoadDistribution.fromShellName(name));
        String message = refused.getMessage();

        assertTrue(message.contains("'" + name + "'"), message);
        for (LoadDistribution policy : LoadDistribution.values()) {
            assertTrue(message.contains(policy.shellName()), () -> policy.shellName() + " missing from: " + message);
        }
    }
}
