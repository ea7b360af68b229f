package org.nicmanager.nicmanager.lacp;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.lacp.LacpMuxState;
import org.nicmanager.lib.lacp.LacpPort;
import org.nicmanager.lib.lacp.LacpSelection;
import org.nicmanager.lib.lacp.LagId;

/**
 * Why LACP does not let a healthy member distribute, for people (IEEE 802.1AX-2014 6.4.14 selection, 6.4.15 mux): it
 * is not in the Link Aggregation Group the bond selected (its partner system, its partner's key or its own key, which
 * follows its speed, differs), it is still negotiating, or the aggregate is below min-links. Control path only.
 */
final class SelectionReason {

    private SelectionReason() {
    }

    /**
     * @param chosen the group the bond selected, or {@code null}
     * @param distributingMembers members whose mux lets them distribute, against {@code minLinks}
     */
    static String of(LacpPort port, LagId chosen, int distributingMembers, int minLinks) {
        if (port.selected() == LacpSelection.UNSELECTED) {
            return notInChosenGroup(port, chosen);
        }
        if (port.selected() == LacpSelection.STANDBY) {
            return "selected, but the aggregator cannot take it now (STANDBY)";
        }
        LacpMuxState mux = port.muxState();
        if (mux != LacpMuxState.DISTRIBUTING) {
            return "negotiating: selected, mux " + mux + (port.partnerHeard() ? ", partner not yet in sync"
                    : ", no LACPDU heard from the partner yet");
        }
        return "the aggregate is down: " + distributingMembers + " member" + (distributingMembers == 1 ? "" : "s")
                + " distributing, min-links " + minLinks;
    }

    private static String notInChosenGroup(LacpPort port, LagId chosen) {
        if (chosen == null) {
            return "negotiating: no aggregator selected yet";
        }
        LagId own = port.lagId();
        if (!port.partnerHeard()) {
            return "not in the selected aggregator (" + chosen + "): no LACPDU heard from a partner on this link";
        }
        StringBuilder why = new StringBuilder("not in the selected aggregator (" + chosen + "):");
        String separator = " ";
        if (own.partnerSystem() != chosen.partnerSystem() || own.partnerSystemPriority() != chosen
                .partnerSystemPriority()) {
            why.append(separator).append("partner system ").append(own.partnerSystemPriority()).append(',')
                    .append(MacAddress.format(own.partnerSystem())).append(" differs");
            separator = "; ";
        }
        if (own.partnerKey() != chosen.partnerKey()) {
            why.append(separator).append("partner key ").append(own.partnerKey()).append(" differs from ")
                    .append(chosen.partnerKey());
            separator = "; ";
        }
        if (own.actorKey() != chosen.actorKey()) {
            why.append(separator).append("own key ").append(own.actorKey()).append(" differs from ")
                    .append(chosen.actorKey()).append(" (another speed)");
            separator = "; ";
        }
        if (own.individual()) {
            why.append(separator).append("the link is individual (an end does not let it aggregate)");
            separator = "; ";
        }
        if (separator.equals(" ")) {
            why.append(" another group of the same partner and key was chosen");
        }
        return why.toString();
    }
}
