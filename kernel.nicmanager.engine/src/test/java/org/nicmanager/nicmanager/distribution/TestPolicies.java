package org.nicmanager.nicmanager.distribution;

import java.util.stream.Stream;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.PortOwners;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.PortOwnersTestDouble;

/** Makes a built-in policy's distributor as a bond would, from the policy service found by name. */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Every built-in name, for parameterized tests. */
    static Stream<String> names() {
        return Policies.BUILT_IN.stream();
    }

    static DistributionPolicy policy(String name, boolean knowsVms) {
        VmKnowledge vms = knowsVms ? VmKnowledge.of(VmFacts.EMPTY_REGISTRY) : VmKnowledge.NONE;
        return PolicyCatalog.builtIn(vms).require(name);
    }

    /** @param vms {@code null} for the loadable variant: VM-aware policies are refused, naming the others */
    static BondDistributor create(String policy, MemberTable members, PortOwners vms) {
        return create(policy, members, vms, LoadBasedSettings.defaults(), PortMoves.NONE);
    }

    static BondDistributor create(String policy, MemberTable members, PortOwners vms, LoadBasedSettings settings,
            PortMoves moves) {
        DistributionPolicy service = policy(policy, vms != null);
        PortOwners ports = service.needs().contains(PolicyNeed.VM_INFORMATION) ? vms : new PortOwnersTestDouble();
        return service.create(new PolicyContext() {
            @Override
            public String bondName() {
                return "test";
            }

            @Override
            public MemberTable members() {
                return members;
            }

            @Override
            public PortOwners ports() {
                return ports;
            }

            @Override
            public int busyThresholdPercent() {
                return settings.thresholdPercent();
            }

            @Override
            public int busyWindowSeconds() {
                return settings.windowSeconds();
            }

            @Override
            public void portMoved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent,
                    int busySeconds) {
                moves.moved(port, fromSlot, toSlot, fromPercent, toPercent, busySeconds);
            }
        });
    }
}
