package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.lib.lacp.LacpKeys;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * What a bond can carry by its policy with every member up and, under LACP, selected: the capacity reservations are
 * admitted against (patent [0116]), as vSphere's admission control counts a team's adapters whatever their link
 * state. It depends on the members' line rates, the policy and the aggregation settings, never on links or on how far
 * LACP has got, so that the same {@code net:alloc} gets the same answer at any moment. Control path; pure.
 */
final class AdmissibleCapacity {

    private AdmissibleCapacity() {
    }

    /**
     * @param memberRatesBps the line rate of every present member, in bits per second
     * @return bits per second; 0 for a bond without members, or whose LACP min-links no group of members can meet
     */
    static long of(long[] memberRatesBps, Spreading policy, LacpSettings lacp) {
        if (!lacp.negotiates()) {
            return carried(memberRatesBps, policy);
        }
        // LACP aggregates only links of one key, and our key is the speed class (LacpKeys.forSpeed): members of
        // another speed stay unselected. The aggregator can carry the best such group that meets min-links.
        Map<Integer, List<Long>> groups = new TreeMap<>();
        for (long rate : memberRatesBps) {
            groups.computeIfAbsent(LacpKeys.forSpeed(rate), key -> new ArrayList<>()).add(rate);
        }
        long best = 0;
        for (List<Long> group : groups.values()) {
            if (group.size() >= lacp.minLinks()) {
                best = Math.max(best, carried(group.stream().mapToLong(Long::longValue).toArray(), policy));
            }
        }
        return best;
    }

    /**
     * Active-backup carries one member at a time. Its admissible capacity is the largest member's rate: the failover
     * order may put that member first ({@code bond:order}), and no order lets the bond carry more. A reservation above
     * a smaller member's rate then breaks while that member is the active one, which {@code net:whatif} and the
     * GUARANTEE_BROKEN event show. Every other policy spreads frames or flows over all its members: their sum.
     */
    private static long carried(long[] ratesBps, Spreading policy) {
        long total = 0;
        long largest = 0;
        for (long rate : ratesBps) {
            total += rate;
            largest = Math.max(largest, rate);
        }
        return policy == Spreading.ONE_MEMBER ? largest : total;
    }
}
