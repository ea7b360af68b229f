package org.nicmanager.nicmanager.shell;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.nicmanager.distribution.PolicyCatalog;

/**
 * The policy names {@code bond:create --policy} and {@code bond:policy} accept: the names and aliases of the policy
 * services offered now (each policy declares its aliases, the names operators know from Linux bonding, Open vSwitch
 * and vSphere), less the other systems' modes that nothing here behaves like: those are refused with the reason and
 * the nearest policy (README, "Policy names from other systems"). Configuration always holds the canonical name.
 */
final class PolicyNames {

    /** A policy as the operator named it: the canonical policy and the alias used, or {@code null}. */
    record Chosen(String policy, String alias) {

        static Chosen of(PolicyCatalog.Named named) {
            return new Chosen(named.policy(), named.alias());
        }
    }

    /** Alias to why it is refused and what to use instead. */
    private static final Map<String, String> REFUSED;

    static {
        Map<String, String> refused = new LinkedHashMap<>();
        // Linux bonding modes (Documentation/networking/bonding.rst).
        refused.put("802.3ad", "LACP is a separate option here: use --lacp active --policy hash-l2 (802.3ad's"
                + " default layer2 hash) or another hash policy");
        refused.put("balance-tlb", "it moves peers between members by their measured load and receives on one"
                + " member only, which this NIC manager does not do; the nearest policy is load-based, which moves"
                + " VMs' ports off busy members");
        refused.put("balance-alb", "it balances receive traffic by rewriting ARP replies, which this NIC manager does"
                + " not do; the nearest policy is load-based, which moves VMs' ports off busy members");
        REFUSED = Collections.unmodifiableMap(refused);
    }

    private PolicyNames() {
    }

    /**
     * @param offered the policies offered now, by name and alias
     * @throws IllegalArgumentException for a refused alias (with the reason) or an unknown name (listing all)
     */
    static Chosen parse(String name, java.util.function.Function<String, PolicyCatalog.Named> offered) {
        String reason = REFUSED.get(name);
        if (reason != null) {
            throw new IllegalArgumentException("policy '" + name + "' is refused: " + reason);
        }
        return Chosen.of(offered.apply(name));
    }
}
