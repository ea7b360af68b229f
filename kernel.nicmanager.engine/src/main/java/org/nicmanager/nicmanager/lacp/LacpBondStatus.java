package org.nicmanager.nicmanager.lacp;

import java.util.List;
import java.util.Map;

import org.nicmanager.lib.lacp.LacpParticipantView;

/**
 * A bond's link aggregation as {@code lacp:show} gives it, in the manner of Open vSwitch's {@code lacp/show}.
 *
 * @param mode off, static, active or passive
 * @param rate fast or slow; null without LACP
 * @param aggregator UP (at least min-links members distribute), DOWN, FALLBACK (active-backup: the partner speaks no
 *            LACP), or STATIC
 * @param lag the Link Aggregation Group the bond chose; null when none (no LACP, or no group yet)
 * @param malformedLacpdus LACPDUs ignored as invalid, by defect
 * @param ignoredSlowProtocolFrames slow-protocol frames that reached a bond not running LACP, or of another protocol
 */
public record LacpBondStatus(String bond, String mode, String rate, int minLinks, long fallbackNanos,
        String aggregator, String lag, int distributingMembers, List<Member> members, long lacpdusReceived,
        long lacpdusSent, Map<String, Long> malformedLacpdus, long ignoredSlowProtocolFrames) {

    public LacpBondStatus {
        members = List.copyOf(members);
        malformedLacpdus = Map.copyOf(malformedLacpdus);
    }

    /**
     * One member: its mux and receive machines' states, the selection, what the bond lets it do, and both ends'
     * information as the next LACPDU carries it. Without LACP the machines' states and both ends are null.
     */
    public record Member(String name, String mux, String rx, String selected, boolean collecting,
            boolean distributing, LacpParticipantView actor, LacpParticipantView partner, long lacpdusReceived,
            long lacpdusSent) {
    }

    public Member member(String name) {
        return members.stream().filter(member -> member.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("bond " + bond + " has no member " + name));
    }
}
