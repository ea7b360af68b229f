package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;

/**
 * What the {@code bond:} commands need from a NIC manager, whichever variant runs. Each call runs in the world; each
 * change is stored, so that bonds outlive the NIC manager.
 */
public interface BondService {

    BondReport create(String name, String policy, BondSettings settings);

    /**
     * The policy of a bond made without one: {@code per-vm} where this NIC manager knows which VM sent each frame,
     * {@code failover-order} where it does not (the loadable variant).
     */
    String defaultPolicy();

    /**
     * The canonical name for a policy's name or alias, among the policy services offered now.
     *
     * @throws IllegalArgumentException for a name no service offers, listing the names and aliases offered
     */
    PolicyCatalog.Named resolvePolicy(String nameOrAlias);

    void delete(String bond);

    BondReport add(String bond, List<String> nics);

    BondReport remove(String bond, List<String> nics);

    BondReport policy(String bond, String policy);

    BondReport order(String bond, List<String> nics);

    /** Sets the bond's failover-on-busy time, live (0: off); refused outside 1 ms to 1 h, naming the value. */
    BondReport failoverOnBusy(String bond, long nanos);

    BondReport failback(String bond, String nic);

    BondReport show(String bond);

    List<BondReport> reports();
}
