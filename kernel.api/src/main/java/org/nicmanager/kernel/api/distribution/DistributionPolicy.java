package org.nicmanager.kernel.api.distribution;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A load-distribution policy, registered as a service (whiteboard): the NIC manager tracks every one and finds it by
 * {@link #name()} or one of its {@link #aliases()} in {@code bond:create --policy}, {@code bond:policy} and a bond's
 * configuration. When the service leaves, the bonds that use it fall back to the NIC manager's default policy and come
 * back to it when it returns ({@code nicmgr/bond/POLICY_FALLBACK}, {@code POLICY_RESTORED}).
 *
 * <p>A policy is a factory: stateless, called on the network world's thread, once per bond that takes it.
 */
@ConsumerType
public interface DistributionPolicy {

    /** Service property a policy may carry with its {@link #name()}, for service filters; the name itself rules. */
    String NAME_PROPERTY = "nicmanager.policy.name";

    /** The canonical name, used in commands and kept in configuration: lower case, digits and '-', e.g. hash-l34. */
    String name();

    /** Other names an operator may know it by (another system's, e.g. balance-tcp); none by default. */
    default List<String> aliases() {
        return List.of();
    }

    /** What the NIC manager must give the policy; a NIC manager that cannot refuses the policy by name. */
    default Set<PolicyNeed> needs() {
        return Set.of();
    }

    /** How the policy spreads frames; it decides what a full ring does and which members stand by. */
    default Spreading spreading() {
        return Spreading.KEEPS_FLOWS;
    }

    /**
     * Makes the distributor of one bond; it may build its first tables here. Control path (world thread).
     *
     * @param bond what the policy sees of the bond: its members, and the rest its {@link #needs()} asked for
     */
    BondDistributor create(PolicyContext bond);
}
