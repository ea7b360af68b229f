package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

/**
 * A bond as stored in ConfigAdmin: what survives a swap of NIC manager variants ([0076]-[0082]).
 *
 * @param nics its NICs in failover order, present or not
 */
public record BondConfig(String name, LoadDistribution policy, FailbackMode failback, long failbackHoldDownMs,
        List<String> nics) {

    public BondConfig {
        nics = List.copyOf(nics);
    }
}
