package org.nicmanager.kernel.api.teaming;

import java.util.List;

/** A bond as shown to the operator. */
public record BondInfo(String name, LoadDistribution policy, LacpMode lacp, FailbackMode failback,
        List<BondMember> members, long failovers, long failbacks) {

    public BondInfo {
        members = List.copyOf(members);
    }
}
