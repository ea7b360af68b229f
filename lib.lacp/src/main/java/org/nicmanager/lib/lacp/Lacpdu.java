package org.nicmanager.lib.lacp;

/**
 * One LACPDU (IEEE 802.1AX-2014 6.4.2.3): the sender's view of itself (actor) and of the other end (partner), and the
 * collector's maximum delay in tens of microseconds.
 */
public record Lacpdu(LacpParticipant actor, LacpParticipant partner, int collectorMaxDelay) {

    public Lacpdu {
        if (actor == null || partner == null) {
            throw new IllegalArgumentException("an LACPDU needs actor and partner information");
        }
        if (collectorMaxDelay < 0 || collectorMaxDelay > 0xFFFF) {
            throw new IllegalArgumentException("collector max delay " + collectorMaxDelay + " is outside 0..65535");
        }
    }
}
