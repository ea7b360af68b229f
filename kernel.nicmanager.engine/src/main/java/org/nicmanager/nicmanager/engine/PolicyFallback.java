package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;

/**
 * What bonds do when a policy's service leaves or returns (a plugin bundle stopped, updated or started). A bond whose
 * policy leaves runs another service of the same name if one is offered (the other NIC manager variant's copy of a
 * built-in), else the NIC manager's default policy, and waits for its own: {@code POLICY_FALLBACK}. When a service of
 * that name arrives, the bond runs it again: {@code POLICY_RESTORED}. The swap happens on the world thread between
 * two frames: frames in the bond's backlog stay there and go by the new policy, frames on the rings stay there; none
 * is lost. Configuration keeps the policy the bond was given.
 */
final class PolicyFallback {

    private final PolicyCatalog policies;
    private final String defaultPolicy;
    private final BondEvents events;

    PolicyFallback(PolicyCatalog policies, String defaultPolicy, BondEvents events) {
        this.policies = policies;
        this.defaultPolicy = defaultPolicy;
        this.events = events;
    }

    /** The catalog no longer holds {@code gone}; moves every uplink that ran it. */
    List<String> left(DistributionPolicy gone, Collection<Uplink> bonds, Collection<Uplink> unbonded) {
        List<String> done = new ArrayList<>();
        for (Collection<Uplink> uplinks : List.of(bonds, unbonded)) {
            for (Uplink uplink : uplinks) {
                if (uplink.bond.policyService() == gone) {
                    done.add(moveOff(uplink, gone));
                }
            }
        }
        return done;
    }

    private String moveOff(Uplink uplink, DistributionPolicy gone) {
        String bond = uplink.bond.name();
        Optional<DistributionPolicy> sameName = policies.find(gone.name());
        if (sameName.isPresent() && usable(sameName.get())) {
            uplink.bond.setPolicy(sameName.get());
            return "bond " + bond + " runs policy " + gone.name() + " from another service: " + gone + " left";
        }
        Optional<DistributionPolicy> fallback = policies.find(defaultPolicy).filter(this::usable);
        if (fallback.isEmpty()) { // the NIC manager's own bundle is stopping: its bonds close with it
            return "bond " + bond + " keeps policy " + gone.name() + ": the default " + defaultPolicy
                    + " is not offered either";
        }
        uplink.bond.setPolicy(fallback.get());
        uplink.awaitedPolicy = gone.name();
        String details = "policy " + gone.name() + " is no longer offered (its bundle left); bond " + bond
                + " runs the default policy " + defaultPolicy + " until it returns";
        if (!uplink.unbondedNic) {
            events.policyFallback(bond, defaultPolicy, gone.name(), details);
        }
        return details;
    }

    /** The catalog holds {@code arrived} now; the bonds waiting for its name run it. */
    List<String> arrived(DistributionPolicy arrived, Collection<Uplink> bonds) {
        List<String> done = new ArrayList<>();
        for (Uplink uplink : bonds) {
            if (arrived.name().equals(uplink.awaitedPolicy) && usable(arrived)) {
                try {
                    uplink.bond.setPolicy(policies.require(arrived.name()));
                } catch (IllegalArgumentException refused) { // it made no distributor: the bond keeps waiting
                    done.add("bond " + uplink.bond.name() + " keeps the default policy: " + refused.getMessage());
                    continue;
                }
                uplink.awaitedPolicy = null;
                String details = "policy " + arrived.name() + " is offered again; bond " + uplink.bond.name()
                        + " runs it again";
                events.policyRestored(uplink.bond.name(), arrived.name(), details);
                done.add(details);
            }
        }
        return done;
    }

    private boolean usable(DistributionPolicy policy) {
        try {
            policies.require(policy.name());
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
