package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * A bond as stored in ConfigAdmin: what survives a swap of NIC manager variants ([0076]-[0082]).
 *
 * @param nics its NICs in failover order, present or not
 * @param lacp its link aggregation, or {@code null} when the writer does not know it: the store then keeps what it has
 */
public record BondConfig(String name, LoadDistribution policy, FailbackMode failback, long failbackHoldDownMs,
        List<String> nics, LacpSettings lacp) {

    public BondConfig {
        nics = List.copyOf(nics);
    }

    /** A bond whose link aggregation the writer does not know. */
    public BondConfig(String name, LoadDistribution policy, FailbackMode failback, long failbackHoldDownMs,
            List<String> nics) {
        this(name, policy, failback, failbackHoldDownMs, nics, null);
    }
}
