package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.FailoverEvent;

/**
 * Everything {@code bond:show} tells of a bond: its counters and members, its failover history, what its members
 * received and where it went, and the NICs it was given (present or not).
 */
public record BondReport(BondStats stats, BondSettings settings, List<FailoverEvent> history, InboundCounts inbound, List<String> nics) {

    public BondReport {
        history = List.copyOf(history);
        nics = List.copyOf(nics);
    }
}
