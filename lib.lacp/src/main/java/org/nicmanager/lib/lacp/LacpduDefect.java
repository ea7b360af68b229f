package org.nicmanager.lib.lacp;

/** Why bytes are not a valid LACPDU; each is counted by the receiver, which then ignores the frame. */
public enum LacpduDefect {
    /** Fewer bytes than an Ethernet header and the 110-octet LACPDU. */
    TRUNCATED,
    /** Not sent to the Slow_Protocols_Multicast address with EtherType 0x8809. */
    NOT_SLOW_PROTOCOLS,
    /** A slow protocol other than LACP (subtype 1), e.g. the Marker protocol (subtype 2). */
    OTHER_SUBTYPE,
    /** Version number 0: no LACP version is numbered so. */
    BAD_VERSION,
    /** The Actor TLV is not type 1 with length 20. */
    BAD_ACTOR_TLV,
    /** The Partner TLV is not type 2 with length 20. */
    BAD_PARTNER_TLV,
    /** The Collector TLV is not type 3 with length 16. */
    BAD_COLLECTOR_TLV,
    /** The Terminator TLV is not type 0 with length 0. */
    BAD_TERMINATOR_TLV
}
