package org.nicmanager.nicmanager.distribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * The load-distribution policies offered now, by name and alias: the NIC manager's view of the policy whiteboard.
 * Services come and go on DS threads; bonds read it on the world thread: every method is synchronized (control path
 * only). Two services of one name (both NIC manager variants carry the built-ins) are one policy: the earlier one
 * serves, the other stands in when it leaves.
 */
public final class PolicyCatalog {

    /** A policy as the operator named it: its canonical name and the alias used, or {@code null}. */
    public record Named(String policy, String alias) {
    }

    private final VmKnowledge vms;
    private final Map<String, List<DistributionPolicy>> byName = new LinkedHashMap<>();

    /** @param vms what this NIC manager knows of VMs, so what it can give policies */
    public PolicyCatalog(VmKnowledge vms) {
        this.vms = vms;
    }

    /** A catalog of fresh built-in policies, for tests and benchmarks. */
    public static PolicyCatalog builtIn(VmKnowledge vms) {
        PolicyCatalog catalog = new PolicyCatalog(vms);
        BuiltInPolicies.all().forEach(catalog::add);
        return catalog;
    }

    /** A policy service arrived. */
    public synchronized void add(DistributionPolicy policy) {
        byName.computeIfAbsent(policy.name(), name -> new ArrayList<>()).add(policy);
    }

    /** A policy service left; true when no other service offers its name now. */
    public synchronized boolean remove(DistributionPolicy policy) {
        List<DistributionPolicy> offers = byName.get(policy.name());
        if (offers == null) {
            return true;
        }
        offers.remove(policy);
        if (offers.isEmpty()) {
            byName.remove(policy.name());
            return true;
        }
        return false;
    }

    /** The service offering this canonical name now, if any. */
    public synchronized Optional<DistributionPolicy> find(String name) {
        List<DistributionPolicy> offers = byName.get(name);
        return offers == null ? Optional.empty() : Optional.of(offers.get(0));
    }

    /**
     * The service of this canonical name, if this NIC manager can give what it needs.
     *
     * @throws IllegalArgumentException naming the policy, for a name no service offers (listing the names offered)
     *         or a policy whose needs this NIC manager cannot give (listing the ones it allows); nothing changes
     */
    public synchronized DistributionPolicy require(String name) {
        DistributionPolicy policy = find(name).orElseThrow(() -> unknown(name));
        refuseUnlessUsable(policy);
        return policy;
    }

    /**
     * The canonical name for a policy's name or one of its aliases.
     *
     * @throws IllegalArgumentException for a name no service offers, listing the names and aliases offered
     */
    public synchronized Named resolve(String nameOrAlias) {
        if (byName.containsKey(nameOrAlias)) {
            return new Named(nameOrAlias, null);
        }
        for (String name : names()) {
            if (find(name).orElseThrow().aliases().contains(nameOrAlias)) {
                return new Named(name, nameOrAlias);
            }
        }
        throw unknown(nameOrAlias);
    }

    /** The names offered now: the built-in ones in their order, then the others by name. */
    public synchronized List<String> names() {
        return byName.keySet().stream().sorted(Comparator.comparingInt(PolicyCatalog::rank)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    private static int rank(String name) {
        int builtIn = Policies.BUILT_IN.indexOf(name);
        return builtIn < 0 ? Policies.BUILT_IN.size() : builtIn;
    }

    private void refuseUnlessUsable(DistributionPolicy policy) {
        if (!vms.gives(policy.needs())) {
            throw new IllegalArgumentException("policy " + policy.name() + " needs " + describe(policy.needs())
                    + ", which only the kernel-integrated NIC manager knows; " + vms.variant() + " allows: "
                    + names().stream().filter(name -> vms.gives(find(name).orElseThrow().needs()))
                            .collect(Collectors.joining(", ")));
        }
    }

    private static String describe(Set<PolicyNeed> needs) {
        return needs.contains(PolicyNeed.VM_INFORMATION) ? "to know which VM sent each frame" : needs.toString();
    }

    private IllegalArgumentException unknown(String name) {
        String aliases = names().stream().flatMap(policy -> find(policy).orElseThrow().aliases().stream()
                .map(alias -> alias + " (" + policy + ")")).collect(Collectors.joining(", "));
        return new IllegalArgumentException("unknown policy '" + name + "'; allowed: " + String.join(", ", names())
                + (aliases.isEmpty() ? "" : "; aliases: " + aliases));
    }
}
