package org.nicmanager.nicmanager.distribution;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.Spreading;

/** A built-in policy service: its name, aliases, needs and spreading, and how it makes a bond's distributor. */
abstract class BuiltInPolicy implements DistributionPolicy {

    private final String name;
    private final List<String> aliases;
    private final Set<PolicyNeed> needs;
    private final Spreading spreading;
    private final Function<PolicyContext, BondDistributor> maker;

    BuiltInPolicy(String name, List<String> aliases, Set<PolicyNeed> needs, Spreading spreading,
            Function<PolicyContext, BondDistributor> maker) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.needs = Set.copyOf(needs);
        this.spreading = spreading;
        this.maker = maker;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> aliases() {
        return aliases;
    }

    @Override
    public final Set<PolicyNeed> needs() {
        return needs;
    }

    @Override
    public final Spreading spreading() {
        return spreading;
    }

    @Override
    public final BondDistributor create(PolicyContext bond) {
        return maker.apply(bond);
    }

    @Override
    public String toString() {
        return "built-in policy " + name;
    }
}
