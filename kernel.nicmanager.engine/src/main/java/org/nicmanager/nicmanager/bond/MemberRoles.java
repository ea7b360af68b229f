package org.nicmanager.nicmanager.bond;

import java.util.Collection;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Each member's {@link MemberRole} by the bond's policy, and the capacity that follows from it: what the policy
 * carries, not what the members could ([0116]). Under {@code failover-order} only the first member in service carries
 * ([0070]): it is ACTIVE and the others in service are STANDBY; a spreading policy uses every member in service; LACP
 * uses only the members it lets distribute, those of the aggregator it selected ([0071]), and the others are
 * NOT_SELECTED; LACP's fallback is active-backup. A member out of service (link down or failed, unreachable, or held out
 * by the failback mode) is UNUSED.
 *
 * <p>Roles are recomputed with the active list, on control events only; the reasons, for people, are written when a
 * snapshot asks for them, from the state at that moment.
 */
final class MemberRoles {

    private final BondMembers members;
    private final BondAggregation aggregation;
    private final FailbackPolicy failback;
    private final MemberRole[] roles = new MemberRole[BondMembers.MAX_MEMBERS];
    private DistributionPolicy policy;

    MemberRoles(BondMembers members, BondAggregation aggregation, FailbackPolicy failback) {
        this.members = members;
        this.aggregation = aggregation;
        this.failback = failback;
    }

    /** Recomputes every role from the members and the policy; call after {@link BondMembers#recompute()}. */
    void recompute(DistributionPolicy current) {
        this.policy = current;
        int first = members.activeCount() == 0 ? -1 : members.active(0);
        boolean fallback = aggregation.inLacpFallback();
        for (int slot = 0; slot < members.count(); slot++) {
            if (members.state(slot) != MemberState.UP || !members.carrying(slot)) {
                roles[slot] = MemberRole.UNUSED;
            } else if (members.isActive(slot)) {
                roles[slot] = !carriesOne() || slot == first ? MemberRole.ACTIVE : MemberRole.STANDBY;
            } else {
                roles[slot] = fallback ? MemberRole.STANDBY : MemberRole.NOT_SELECTED; // LACP closed its gate
            }
        }
    }

    MemberRole role(int slot) {
        return roles[slot];
    }

    /** True when the policy puts all traffic on one member: active-backup. */
    private boolean carriesOne() {
        return policy.spreading() == Spreading.ONE_MEMBER;
    }

    /**
     * What the policy would carry if the named NICs failed, in bits per second ([0116]); with none of the bond's NICs
     * named, the line rate of its ACTIVE members now. The members that would distribute then
     * ({@link BondAggregation#distributorsWithout}) carry all of it under a spreading policy; active-backup carries
     * only the first of them in failover order.
     */
    long capacityBps(Collection<String> failed) {
        boolean anyMember = false;
        for (int slot = 0; slot < members.count(); slot++) {
            anyMember |= failed.contains(members.nic(slot).name());
        }
        long total = 0;
        if (!anyMember) {
            for (int slot = 0; slot < members.count(); slot++) {
                total += roles[slot] == MemberRole.ACTIVE ? members.nic(slot).speedBps() : 0;
            }
            return total;
        }
        boolean[] carriers = aggregation.distributorsWithout(failed);
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            if (carriers[slot]) {
                if (carriesOne()) {
                    return members.nic(slot).speedBps();
                }
                total += members.nic(slot).speedBps();
            }
        }
        return total;
    }

    /** Why the member has its role, for people; control path. */
    String reason(int slot, long nowNanos) {
        String policyName = policy.name();
        boolean fallback = aggregation.inLacpFallback();
        return switch (roles[slot]) {
            case ACTIVE -> fallback ? "LACP fallback: the partner speaks no LACP, so the bond is active-backup on it"
                    : carriesOne() ? "first member in service in the failover order"
                    : aggregation.settings().negotiates() ? "distributing in the selected aggregator; " + policyName
                            + " spreads traffic over its members"
                    : policyName + " spreads traffic over every member in service";
            case STANDBY -> (fallback ? "LACP fallback (active-backup): " : "") + "in service, standing by"
                    + (members.activeCount() == 0 ? "" : " behind " + members.nic(members.active(0)).name()
                            + " in the failover order");
            case NOT_SELECTED -> aggregation.whyNotDistributing(slot);
            case UNUSED -> outOfService(slot, nowNanos);
        };
    }

    private String outOfService(int slot, long nowNanos) {
        return switch (members.state(slot)) {
            case DOWN -> "link DOWN";
            case FAILED -> "hardware FAILED";
            case UNREACHABLE -> "the ARP monitor hears no answer through it (UNREACHABLE)";
            case REMOVED -> "removed from the bond";
            case UP -> heldOut(slot, nowNanos);
        };
    }

    private String heldOut(int slot, long nowNanos) {
        if (failback.waiting(slot)) {
            return "recovered; delayed failback returns it in "
                    + TimeSpan.format(Math.max(0, failback.waitEndsAtNanos(slot) - nowNanos));
        }
        if (failback.mode() == FailbackMode.MANUAL) {
            return "recovered; waits for a manual failback (bond:failback)";
        }
        return "recovered; not back in service yet";
    }
}
