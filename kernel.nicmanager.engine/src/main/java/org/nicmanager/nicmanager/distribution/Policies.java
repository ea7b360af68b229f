package org.nicmanager.nicmanager.distribution;

import java.util.List;
import java.util.Set;

import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * The names of the built-in load-distribution policies (patent [0066]-[0069], [0082], [0121]), each offered by a
 * {@link BuiltInPolicies} service. Names are the contract: commands and configurations use them.
 */
public final class Policies {

    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_LOADED = "least-loaded";
    public static final String HASH_L2_SRC = "hash-l2-src";
    public static final String HASH_L2_DST = "hash-l2-dst";
    public static final String HASH_L2 = "hash-l2";
    public static final String HASH_L3_SRC = "hash-l3-src";
    public static final String HASH_L3_DST = "hash-l3-dst";
    public static final String HASH_L3 = "hash-l3";
    public static final String HASH_L34 = "hash-l34";
    /** hash-l34 whose buckets move from the busiest member to the lightest every 10 s, as Open vSwitch rebalances. */
    public static final String HASH_L34_REBALANCED = "hash-l34-rebalanced";
    public static final String IP_HASH_ELSE_RR = "ip-hash-else-rr";
    public static final String PER_VM = "per-vm";
    public static final String TCP_SESSION = "tcp-session";
    public static final String PRIORITY_AWARE = "priority-aware";
    public static final String FAILOVER_ORDER = "failover-order";
    /** vSphere's "route based on physical NIC load": a VM's port moves off a member busy for a whole window. */
    public static final String LOAD_BASED = "load-based";

    /** Built-in names in the order refusals list them; policies of other bundles follow, by name. */
    public static final List<String> BUILT_IN = List.of(ROUND_ROBIN, LEAST_LOADED, HASH_L2_SRC, HASH_L2_DST, HASH_L2,
            HASH_L3_SRC, HASH_L3_DST, HASH_L3, HASH_L34, HASH_L34_REBALANCED, IP_HASH_ELSE_RR, PER_VM, TCP_SESSION,
            PRIORITY_AWARE, FAILOVER_ORDER, LOAD_BASED);

    private Policies() {
    }

    /**
     * The policy of a bond made without one, and the one a bond falls back to while its own policy's service is gone:
     * vSphere's default for VMs, route based on the originating virtual port ({@code per-vm}), where the NIC manager
     * knows which VM sent each frame; else active-backup ({@code failover-order}). Neither reorders a flow.
     *
     * @param vms what the NIC manager knows of VMs
     */
    public static String defaultPolicy(VmKnowledge vms) {
        return vms.gives(Set.of(PolicyNeed.VM_INFORMATION)) ? PER_VM : FAILOVER_ORDER;
    }
}
