package org.nicmanager.lib.lacp;

import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * Which links may share an aggregator (IEEE 802.1AX-2014 6.3.6, the Link Aggregation Group identifier, seen from the
 * actor): links with the same actor key towards the same partner system and partner key. A link that either end
 * declares Individual aggregates with no other, so its own port numbers are part of its identifier.
 *
 * @param individualPort the actor's port number for an Individual link, else 0
 * @param individualPartnerPort the partner's port number for an Individual link, else 0
 */
public record LagId(int actorKey, int partnerSystemPriority, long partnerSystem, int partnerKey, int individualPort,
        int individualPartnerPort) {

    /** The group of a port with this configuration and partner: an individual link is a group of its own (6.3.6). */
    static LagId of(LacpPortConfig config, LacpParticipant partner) {
        boolean individual = !config.aggregatable() || !partner.has(LacpState.AGGREGATION);
        return new LagId(config.key(), partner.systemPriority(), partner.system(), partner.key(),
                individual ? config.port() : 0, individual ? partner.port() : 0);
    }

    public boolean individual() {
        return individualPort != 0;
    }

    @Override
    public String toString() {
        return "key " + actorKey + " to " + partnerSystemPriority + "," + MacAddress.format(partnerSystem) + " key "
                + partnerKey + (individual() ? " port " + individualPort + " (individual)" : "");
    }
}
