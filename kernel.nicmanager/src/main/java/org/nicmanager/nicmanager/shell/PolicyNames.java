package org.nicmanager.nicmanager.shell;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.nicmanager.kernel.api.teaming.LoadDistribution;

/**
 * The policy names {@code bond:create --policy} and {@code bond:policy} accept: the canonical names of
 * {@link LoadDistribution} and, as aliases, the names operators know from Linux bonding, Open vSwitch and vSphere.
 * One table maps each alias to the policy that behaves the same here, or refuses it with the reason and the nearest
 * policy (README, "Policy names from other systems"). Configuration always holds the canonical name.
 */
final class PolicyNames {

    /** A policy as the operator named it: the canonical policy and the alias used, or {@code null}. */
    record Chosen(LoadDistribution policy, String alias) {
    }

    /** Alias to the policy it means here, in the order the refusal of an unknown name lists them. */
    private static final Map<String, LoadDistribution> ALIASES;

    /** Alias to why it is refused and what to use instead. */
    private static final Map<String, String> REFUSED;

    static {
        Map<String, LoadDistribution> aliases = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        // Linux bonding modes (Documentation/networking/bonding.rst).
        aliases.put("active-backup", LoadDistribution.FAILOVER_ORDER);
        aliases.put("balance-rr", LoadDistribution.ROUND_ROBIN);
        aliases.put("balance-xor", LoadDistribution.HASH_L2); // Linux's default xmit_hash_policy is layer2
        refused.put("802.3ad", "LACP is a separate option here: use --lacp active --policy hash-l2 (802.3ad's"
                + " default layer2 hash) or another hash policy");
        refused.put("balance-tlb", "it moves peers between members by their measured load and receives on one"
                + " member only, which this NIC manager does not do; the nearest policy is load-based, which moves"
                + " VMs' ports off busy members");
        refused.put("balance-alb", "it balances receive traffic by rewriting ARP replies, which this NIC manager does"
                + " not do; the nearest policy is load-based, which moves VMs' ports off busy members");
        // Open vSwitch bond modes (Documentation/topics/bonding.rst).
        aliases.put("balance-slb", LoadDistribution.HASH_L2_SRC); // SLB hashes the source MAC (and VLAN)
        aliases.put("balance-tcp", LoadDistribution.HASH_L34);
        // vSphere teaming policies.
        aliases.put("loadbalance_srcid", LoadDistribution.PER_VM); // route based on originating virtual port
        aliases.put("loadbalance_srcmac", LoadDistribution.HASH_L2_SRC);
        aliases.put("loadbalance_ip", LoadDistribution.HASH_L3);
        aliases.put("failover_explicit", LoadDistribution.FAILOVER_ORDER);
        aliases.put("loadbalance_loadbased", LoadDistribution.LOAD_BASED); // route based on physical NIC load
        ALIASES = Collections.unmodifiableMap(aliases);
        REFUSED = Collections.unmodifiableMap(refused);
    }

    private PolicyNames() {
    }

    /** @throws IllegalArgumentException for a refused alias (with the reason) or an unknown name (listing all) */
    static Chosen parse(String name) {
        for (LoadDistribution policy : LoadDistribution.values()) {
            if (policy.shellName().equals(name)) {
                return new Chosen(policy, null);
            }
        }
        LoadDistribution aliased = ALIASES.get(name);
        if (aliased != null) {
            return new Chosen(aliased, name);
        }
        String reason = REFUSED.get(name);
        if (reason != null) {
            throw new IllegalArgumentException("policy '" + name + "' is refused: " + reason);
        }
        throw new IllegalArgumentException("unknown policy '" + name + "'; allowed: "
                + Arrays.stream(LoadDistribution.values()).map(LoadDistribution::shellName)
                        .collect(Collectors.joining(", "))
                + "; aliases: " + ALIASES.entrySet().stream()
                        .map(alias -> alias.getKey() + " (" + alias.getValue().shellName() + ")")
                        .collect(Collectors.joining(", ")));
    }
}
