package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.nicmanager.engine.NicManagerBase;

class BuiltInPoliciesTest {

    @Test
    void everyBuiltInNameHasItsServiceAndTheNicManagerWaitsForAllOfThem() {
        List<DistributionPolicy> all = BuiltInPolicies.all();
        assertEquals(Policies.BUILT_IN, all.stream().map(DistributionPolicy::name).toList());
        assertEquals(String.valueOf(all.size()), NicManagerBase.BUILT_IN_POLICIES,
                "the components' minimum cardinality counts every built-in policy");
    }

    @Test
    void aliasesAreUniqueAndNeverAnotherPolicysName() {
        Set<String> seen = new HashSet<>(Policies.BUILT_IN);
        for (DistributionPolicy policy : BuiltInPolicies.all()) {
            for (String alias : policy.aliases()) {
                assertTrue(seen.add(alias), alias + " is used twice");
            }
        }
    }

    @Test
    void theVmAwarePoliciesSayWhatTheyNeedAndActiveBackupCarriesOnOneMember() {
        for (DistributionPolicy policy : BuiltInPolicies.all()) {
            boolean vmAware = Set.of(Policies.PER_VM, Policies.PRIORITY_AWARE, Policies.LOAD_BASED)
                    .contains(policy.name());
            assertEquals(vmAware, policy.needs().contains(PolicyNeed.VM_INFORMATION), policy.name());
            assertEquals(policy.name().equals(Policies.FAILOVER_ORDER), policy.spreading() == Spreading.ONE_MEMBER,
                    policy.name());
        }
    }
}
