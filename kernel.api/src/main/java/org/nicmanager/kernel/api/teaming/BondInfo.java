package org.nicmanager.kernel.api.teaming;

import java.util.List;

/** A bond as shown to the operator. */
public record BondInfo(String name, LoadDistribution policy, LacpMode lacp, FailbackMode failback,
        List<BondMember> members, long failovers, long failbacks) {

    public BondInfo {
        members = List.copyOf(members);
    }

    /**
     * The members carrying the bond's traffic now (their role is {@link MemberRole#ACTIVE}), in failover order, as
     * {@code /proc/net/bonding} names its currently active slave (since 1.4).
     */
    public List<String> carryingNow() {
        return members.stream().filter(BondMember::active).map(BondMember::name).toList();
    }
}
