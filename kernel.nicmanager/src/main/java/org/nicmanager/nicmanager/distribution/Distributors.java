package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.nicmanager.kernel.api.teaming.LoadDistribution;

/** Makes the distributor for a policy, refusing VM-aware policies where no VM information exists. */
public final class Distributors {

    private Distributors() {
    }

    /**
     * @param vms the VM directory of the kernel-integrated NIC manager, or {@code null} in the loadable variant
     * @throws IllegalArgumentException for a VM-aware policy without VM information, naming the policies allowed
     */
    public static Distributor create(LoadDistribution policy, MemberView members, VmDirectory vms) {
        return create(policy, members, vms, LoadBasedSettings.defaults(), PortMoves.NONE);
    }

    /**
     * @param vms the VM directory of the kernel-integrated NIC manager, or {@code null} in the loadable variant
     * @param loadBased the thresholds of the {@code load-based} policy (the others ignore them)
     * @param moves told when a policy moves a VM's port to another member
     * @throws IllegalArgumentException for a VM-aware policy without VM information, naming the policies allowed
     */
    public static Distributor create(LoadDistribution policy, MemberView members, VmDirectory vms,
            LoadBasedSettings loadBased, PortMoves moves) {
        refuseUnlessAvailable(policy, vms != null);
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin(members);
            case LEAST_LOADED -> new LeastLoaded(members);
            case HASH_L2_SRC -> new HashDistributor(policy, HashKey.L2_SOURCE, members);
            case HASH_L2_DST -> new HashDistributor(policy, HashKey.L2_DESTINATION, members);
            case HASH_L2 -> new HashDistributor(policy, HashKey.L2, members);
            case HASH_L3_SRC -> new HashDistributor(policy, HashKey.L3_SOURCE, members);
            case HASH_L3_DST -> new HashDistributor(policy, HashKey.L3_DESTINATION, members);
            case HASH_L3 -> new HashDistributor(policy, HashKey.L3, members);
            case HASH_L34 -> new HashDistributor(policy, HashKey.L34, members);
            case HASH_L34_REBALANCED -> new RebalancedHash(policy, HashKey.L34, members);
            case IP_HASH_ELSE_RR -> new IpHashElseRoundRobin(members);
            case PER_VM -> new PerVm(members, vms);
            case TCP_SESSION -> new TcpSession(members);
            case PRIORITY_AWARE -> new PriorityAware(members, vms);
            case FAILOVER_ORDER -> new FailoverOrder(members);
            case LOAD_BASED -> new LoadBased(members, vms, loadBased, moves);
        };
    }

    /**
     * The policy of a bond made without one: vSphere's default for VMs, route based on the originating virtual port
     * ({@code per-vm}), where the NIC manager knows which VM sent each frame; else active-backup
     * ({@code failover-order}). Neither reorders a flow, as round-robin would.
     *
     * @param knowsVms true for the kernel-integrated NIC manager
     */
    public static LoadDistribution defaultPolicy(boolean knowsVms) {
        return knowsVms ? LoadDistribution.PER_VM : LoadDistribution.FAILOVER_ORDER;
    }

    /**
     * Refuses a policy the NIC manager cannot honour, before anything changes.
     *
     * @param knowsVms true for the kernel-integrated NIC manager, which knows which VM sent each frame
     * @throws IllegalArgumentException for a VM-aware policy without VM information, naming the policies allowed
     */
    public static void refuseUnlessAvailable(LoadDistribution policy, boolean knowsVms) {
        if (policy.vmAware() && !knowsVms) {
            throw new IllegalArgumentException("policy " + policy.shellName() + " needs to know which VM sent each"
                    + " frame, which only the kernel-integrated NIC manager knows; the loadable NIC manager allows: "
                    + Arrays.stream(LoadDistribution.values()).filter(p -> !p.vmAware())
                            .map(LoadDistribution::shellName).collect(Collectors.joining(", ")));
        }
    }
}
