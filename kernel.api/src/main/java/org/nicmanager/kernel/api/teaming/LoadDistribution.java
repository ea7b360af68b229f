package org.nicmanager.kernel.api.teaming;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a bond spreads outgoing frames over its members (patent [0066]-[0069], [0082], [0121]). */
public enum LoadDistribution {
    ROUND_ROBIN("round-robin", false),
    LEAST_LOADED("least-loaded", false),
    HASH_L2_SRC("hash-l2-src", false),
    HASH_L2_DST("hash-l2-dst", false),
    HASH_L2("hash-l2", false),
    HASH_L3_SRC("hash-l3-src", false),
    HASH_L3_DST("hash-l3-dst", false),
    HASH_L3("hash-l3", false),
    HASH_L34("hash-l34", false),
    /** hash-l34 whose buckets move from the busiest member to the lightest every 10 s, as Open vSwitch rebalances. */
    HASH_L34_REBALANCED("hash-l34-rebalanced", false),
    IP_HASH_ELSE_RR("ip-hash-else-rr", false),
    PER_VM("per-vm", true),
    TCP_SESSION("tcp-session", false),
    PRIORITY_AWARE("priority-aware", true),
    FAILOVER_ORDER("failover-order", false),
    /**
     * vSphere's "route based on physical NIC load": each VM's port stays on one member, and a port moves to a lighter
     * member only when its member has been busy (75 % of its line rate by default) for a whole window (30 s).
     */
    LOAD_BASED("load-based", true);

    private final String shellName;
    private final boolean vmAware;

    LoadDistribution(String shellName, boolean vmAware) {
        this.shellName = shellName;
        this.vmAware = vmAware;
    }

    /** The name used in commands and configuration. */
    public String shellName() {
        return shellName;
    }

    /** True when the policy needs VM information that only the kernel-integrated NIC manager has. */
    public boolean vmAware() {
        return vmAware;
    }

    /** @throws IllegalArgumentException naming the value and every allowed name */
    public static LoadDistribution fromShellName(String name) {
        for (LoadDistribution policy : values()) {
            if (policy.shellName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + name + "'; allowed: "
                + Arrays.stream(values()).map(LoadDistribution::shellName).collect(Collectors.joining(", ")));
    }
}
