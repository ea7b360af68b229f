package org.nicmanager.nicmanager.shell;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

/**
 * The alias each bond's policy was last given by ({@code active-backup} for {@code failover-order}), for
 * {@code bond:show}. A component of its own, immediate, so that it outlives {@link BondCommands}, which DS recreates
 * whenever the NIC manager it uses is re-registered. Kept in memory only: the configuration holds the canonical
 * policy, which both NIC manager variants read.
 */
@Component(service = PolicyAliases.class, immediate = true)
public final class PolicyAliases {

    private final Map<String, PolicyNames.Chosen> chosen = new ConcurrentHashMap<>();

    /** Remembers the alias {@code bond}'s policy was given by, or forgets it when the canonical name was used. */
    void remember(String bond, PolicyNames.Chosen policy) {
        if (policy.alias() == null) {
            chosen.remove(bond);
        } else {
            chosen.put(bond, policy);
        }
    }

    void forget(String bond) {
        chosen.remove(bond);
    }

    /** The alias, or {@code null} when none was used or the bond's policy has changed since (by configuration). */
    String aliasOf(String bond, String current) {
        PolicyNames.Chosen policy = chosen.get(bond);
        return policy != null && policy.policy().equals(current) ? policy.alias() : null;
    }
}
