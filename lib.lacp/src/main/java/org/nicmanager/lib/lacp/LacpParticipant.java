package org.nicmanager.lib.lacp;

import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * One side's information as an LACPDU carries it in its Actor or Partner TLV (IEEE 802.1AX-2014 6.4.2.3): the
 * system (priority and MAC-form ID), the operational key, the port (priority and number) and the state bits
 * ({@link LacpState}). Every number is unsigned 16 bits, the state 8 bits.
 */
public record LacpParticipant(int systemPriority, long system, int key, int portPriority, int port, int state) {

    /** The Partner_Admin values of 6.4.7: a partner nobody has heard. Individual, passive, long timeout. */
    public static final LacpParticipant NONE = new LacpParticipant(0, 0, 0, 0, 0, 0);

    public LacpParticipant {
        check("system priority", systemPriority);
        check("key", key);
        check("port priority", portPriority);
        check("port", port);
        if ((system & ~MacAddress.BROADCAST) != 0) {
            throw new IllegalArgumentException("an LACP system ID has 48 bits; 0x" + Long.toHexString(system)
                    + " has more");
        }
        if ((state & ~0xFF) != 0) {
            throw new IllegalArgumentException("LACP state " + state + " is not one octet (0..255)");
        }
    }

    private static void check(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("LACP " + what + " " + value + " is outside 0..65535");
        }
    }

    public boolean has(int stateBit) {
        return (state & stateBit) != 0;
    }

    public LacpParticipant withState(int newState) {
        return new LacpParticipant(systemPriority, system, key, portPriority, port, newState);
    }

    /**
     * True when both name the same system, key, port and aggregation bit: the fields 6.4.9 compares in
     * update_Selected, recordPDU and update_NTT (the other state bits are compared by the caller where needed).
     */
    public boolean sameLink(LacpParticipant other) {
        return systemPriority == other.systemPriority && system == other.system && key == other.key
                && portPriority == other.portPriority && port == other.port
                && has(LacpState.AGGREGATION) == other.has(LacpState.AGGREGATION);
    }

    /** The system as people write it: priority and MAC, e.g. {@code 32768,02:53:53:01:00:00}. */
    public String systemId() {
        return systemPriority + "," + MacAddress.format(system);
    }
}
