package org.nicmanager.nicmanager.lacp;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.lacp.LacpParticipant;

/**
 * Who is at the other end of a link, as LACP names it: the partner's system (priority and ID) and the key it gives the
 * link. Links with equal keys towards one system can form one aggregate (IEEE 802.1AX-2014 6.3.6): the partnership
 * of patent step 754.
 */
public record PartnerKey(int systemPriority, long system, int key) {

    public static PartnerKey of(LacpParticipant partner) {
        return new PartnerKey(partner.systemPriority(), partner.system(), partner.key());
    }

    @Override
    public String toString() {
        return systemPriority + "," + MacAddress.format(system) + " key " + key;
    }
}
