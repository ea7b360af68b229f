package org.nicmanager.lib.lacp;

/**
 * What an actor says of one of its ports (IEEE 802.1AX-2014 6.3.2-6.3.5, 6.4.7): its system's priority and ID, the
 * port's priority and number, its operational key (ports that may aggregate together share one), LACP_Activity and
 * LACP_Timeout, and whether it may be aggregated at all.
 *
 * @param active active LACP: sends LACPDUs whether or not the partner does; passive answers an active partner only
 * @param shortTimeout asks the partner for an LACPDU every second, and times it out after 3 s (else 30 s and 90 s)
 */
public record LacpPortConfig(int systemPriority, long system, int portPriority, int port, int key, boolean active,
        boolean shortTimeout, boolean aggregatable) {

    public LacpPortConfig {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("LACP port number " + port + " is outside 1..65535");
        }
        new LacpParticipant(systemPriority, system, key, portPriority, port, 0); // checks the ranges
    }

    /** Actor_Oper_Port_State's administrative bits: activity, timeout and aggregation. */
    int adminState() {
        return (active ? LacpState.ACTIVITY : 0) | (shortTimeout ? LacpState.TIMEOUT : 0)
                | (aggregatable ? LacpState.AGGREGATION : 0);
    }
}
