package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.nicmanager.bond.BondSettings;

/** What the {@code bond:} commands need from a NIC manager, whichever variant runs. Each call runs in the world. */
public interface BondService {

    BondInfo create(String name, LoadDistribution policy, BondSettings settings);

    BondInfo add(String bond, List<String> nics);

    BondInfo remove(String bond, List<String> nics);

    BondInfo show(String bond);

    List<BondInfo> bonds();
}
