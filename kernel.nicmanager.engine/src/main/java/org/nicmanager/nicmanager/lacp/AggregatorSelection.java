package org.nicmanager.nicmanager.lacp;

import java.util.HashMap;
import java.util.Map;

import org.nicmanager.lib.lacp.LacpPort;
import org.nicmanager.lib.lacp.LagId;

/**
 * Which group of links a bond aggregates (IEEE 802.1AX-2014 6.4.14), the bond being the single aggregator: of the
 * links that are up, those to the same partner system and key form a group; the best is the one with a partner
 * speaking LACP, then the largest, then the one already chosen (no needless change), then the one with the member
 * first in failover order. Control path; allocation is fine.
 */
final class AggregatorSelection {

    private static final int MEMBERS = 0;
    private static final int HEARD = 1;
    private static final int FIRST_RANK = 2;

    private AggregatorSelection() {
    }

    /**
     * @param ports each slot's LACP machines, or {@code null}
     * @param gone members to leave out, as if their links had failed, or {@code null}
     * @param current the group chosen so far, or {@code null}
     * @return the best group, or {@code null} when no link is up
     */
    static LagId best(LacpPort[] ports, LacpMembers members, boolean[] gone, LagId current) {
        Map<LagId, int[]> groups = new HashMap<>();
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            LacpPort port = ports[slot];
            if (port == null || !port.enabled() || gone != null && gone[slot]) {
                continue;
            }
            int[] group = groups.computeIfAbsent(port.lagId(), id -> new int[] {0, 0, Integer.MAX_VALUE});
            group[MEMBERS]++;
            group[HEARD] |= port.partnerHeard() ? 1 : 0;
            group[FIRST_RANK] = Math.min(group[FIRST_RANK], rank);
        }
        LagId best = null;
        int[] bestScore = null;
        for (Map.Entry<LagId, int[]> entry : groups.entrySet()) {
            int[] score = entry.getValue();
            if (best == null || better(entry.getKey(), score, best, bestScore, current)) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean better(LagId id, int[] score, LagId best, int[] bestScore, LagId current) {
        if (score[HEARD] != bestScore[HEARD]) {
            return score[HEARD] > bestScore[HEARD];
        }
        if (score[MEMBERS] != bestScore[MEMBERS]) {
            return score[MEMBERS] > bestScore[MEMBERS];
        }
        boolean isCurrent = id.equals(current);
        if (isCurrent != best.equals(current)) {
            return isCurrent;
        }
        return score[FIRST_RANK] < bestScore[FIRST_RANK];
    }
}
