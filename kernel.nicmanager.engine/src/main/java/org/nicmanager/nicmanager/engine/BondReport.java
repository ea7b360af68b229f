package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.FailoverEvent;

/**
 * Everything {@code bond:show} tells of a bond: its counters and members, its failover history, what its members
 * received and where it went, and the NICs it was given (present or not).
 *
 * @param awaitedPolicy the policy the bond was given, while its service is gone and the bond runs the default; else
 *        {@code null}
 */
public record BondReport(BondStats stats, BondSettings settings, List<FailoverEvent> history, InboundCounts inbound,
        List<String> nics, String awaitedPolicy) {

    public BondReport {
        history = List.copyOf(history);
        nics = List.copyOf(nics);
    }

    /** The policy the bond was given: the one it runs, or the one it waits for. */
    public String givenPolicy() {
        return awaitedPolicy != null ? awaitedPolicy : stats.policy();
    }
}
