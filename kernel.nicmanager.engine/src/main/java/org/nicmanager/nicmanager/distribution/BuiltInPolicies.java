package org.nicmanager.nicmanager.distribution;

import java.util.List;
import java.util.Set;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in load-distribution policies, each a DS service of its own ({@link DistributionPolicy}, whiteboard), found
 * by name as a third party's are. Aliases are the names operators know from Linux bonding, Open vSwitch and vSphere
 * (README, "Policy names from other systems"). Components of whichever bundle carries this package: both NIC manager
 * variants offer them, and each refuses those whose needs it cannot give.
 */
public final class BuiltInPolicies {

    /** The service property naming each policy, for filters. */
    private static final String NAMED = DistributionPolicy.NAME_PROPERTY + "=";
    private static final Set<PolicyNeed> NOTHING = Set.of();
    private static final Set<PolicyNeed> VM = Set.of(PolicyNeed.VM_INFORMATION);

    private BuiltInPolicies() {
    }

    /** A fresh instance of every built-in policy, in {@link Policies#BUILT_IN} order, for tests and benchmarks. */
    public static List<DistributionPolicy> all() {
        return List.of(
                new RoundRobinPolicy(),
                new LeastLoadedPolicy(),
                new HashL2SourcePolicy(),
                new HashL2DestinationPolicy(),
                new HashL2Policy(),
                new HashL3SourcePolicy(),
                new HashL3DestinationPolicy(),
                new HashL3Policy(),
                new HashL34Policy(),
                new RebalancedHashPolicy(),
                new IpHashElseRoundRobinPolicy(),
                new PerVmPolicy(),
                new TcpSessionPolicy(),
                new PriorityAwarePolicy(),
                new FailoverOrderPolicy(),
                new LoadBasedPolicy());
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.ROUND_ROBIN)
    public static final class RoundRobinPolicy extends BuiltInPolicy {
        public RoundRobinPolicy() {
            super(Policies.ROUND_ROBIN, List.of("balance-rr"), NOTHING, Spreading.FRAME_BY_FRAME,
                    c -> new RoundRobin(c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.LEAST_LOADED)
    public static final class LeastLoadedPolicy extends BuiltInPolicy {
        public LeastLoadedPolicy() {
            super(Policies.LEAST_LOADED, List.of(), NOTHING, Spreading.FRAME_BY_FRAME,
                    c -> new LeastLoaded(c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L2_SRC)
    public static final class HashL2SourcePolicy extends BuiltInPolicy {
        public HashL2SourcePolicy() {
            super(Policies.HASH_L2_SRC, List.of("balance-slb", "loadbalance_srcmac"), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L2_SOURCE, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L2_DST)
    public static final class HashL2DestinationPolicy extends BuiltInPolicy {
        public HashL2DestinationPolicy() {
            super(Policies.HASH_L2_DST, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L2_DESTINATION, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L2)
    public static final class HashL2Policy extends BuiltInPolicy {
        public HashL2Policy() {
            super(Policies.HASH_L2, List.of("balance-xor"), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L2, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L3_SRC)
    public static final class HashL3SourcePolicy extends BuiltInPolicy {
        public HashL3SourcePolicy() {
            super(Policies.HASH_L3_SRC, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L3_SOURCE, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L3_DST)
    public static final class HashL3DestinationPolicy extends BuiltInPolicy {
        public HashL3DestinationPolicy() {
            super(Policies.HASH_L3_DST, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L3_DESTINATION, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L3)
    public static final class HashL3Policy extends BuiltInPolicy {
        public HashL3Policy() {
            super(Policies.HASH_L3, List.of("loadbalance_ip"), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L3, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L34)
    public static final class HashL34Policy extends BuiltInPolicy {
        public HashL34Policy() {
            super(Policies.HASH_L34, List.of("balance-tcp"), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new HashDistributor(HashKey.L34, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.HASH_L34_REBALANCED)
    public static final class RebalancedHashPolicy extends BuiltInPolicy {
        public RebalancedHashPolicy() {
            super(Policies.HASH_L34_REBALANCED, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new RebalancedHash(HashKey.L34, c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.IP_HASH_ELSE_RR)
    public static final class IpHashElseRoundRobinPolicy extends BuiltInPolicy {
        public IpHashElseRoundRobinPolicy() {
            super(Policies.IP_HASH_ELSE_RR, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new IpHashElseRoundRobin(c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.PER_VM)
    public static final class PerVmPolicy extends BuiltInPolicy {
        public PerVmPolicy() {
            super(Policies.PER_VM, List.of("loadbalance_srcid"), VM, Spreading.KEEPS_FLOWS,
                    c -> new PerVm(c.members(), c.ports()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.TCP_SESSION)
    public static final class TcpSessionPolicy extends BuiltInPolicy {
        public TcpSessionPolicy() {
            super(Policies.TCP_SESSION, List.of(), NOTHING, Spreading.KEEPS_FLOWS,
                    c -> new TcpSession(c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.PRIORITY_AWARE)
    public static final class PriorityAwarePolicy extends BuiltInPolicy {
        public PriorityAwarePolicy() {
            super(Policies.PRIORITY_AWARE, List.of(), VM, Spreading.KEEPS_FLOWS,
                    c -> new PriorityAware(c.members(), c.ports()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.FAILOVER_ORDER)
    public static final class FailoverOrderPolicy extends BuiltInPolicy {
        public FailoverOrderPolicy() {
            super(Policies.FAILOVER_ORDER, List.of("active-backup", "failover_explicit"), NOTHING, Spreading.ONE_MEMBER,
                    c -> new FailoverOrder(c.members()));
        }
    }

    @Component(service = DistributionPolicy.class, property = NAMED + Policies.LOAD_BASED)
    public static final class LoadBasedPolicy extends BuiltInPolicy {
        public LoadBasedPolicy() {
            super(Policies.LOAD_BASED, List.of("loadbalance_loadbased"), VM, Spreading.KEEPS_FLOWS,
                    c -> new LoadBased(c.members(), c.ports(),
                    new LoadBasedSettings(c.busyThresholdPercent(), c.busyWindowSeconds()), c::portMoved));
        }
    }
}
