package org.nicmanager.kernel.api.teaming;

import java.util.List;

/**
 * A bond as shown to the operator.
 *
 * @param policy the name of the load-distribution policy the bond runs now (a {@code DistributionPolicy}'s name, since
 *        2.0; the default policy while the bond waits for its own to return)
 */
public record BondInfo(String name, String policy, LacpMode lacp, FailbackMode failback,
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
