package org.nicmanager.nicmanager.bond;

/** Why a member stopped or started carrying traffic (patent [0101]-[0104]). */
public enum FailoverReason {
    /** The NIC reported carrier loss. */
    CARRIER_LOST,
    /** The NIC reported a hardware fault. */
    HARDWARE_FAILED,
    /** The NIC's driver went away. */
    REMOVED,
    /** A transmit was refused with LINK_DOWN before the link event arrived. */
    TRANSMIT_LINK_DOWN,
    /** The ARP monitor heard no answer through the member for its missed-max intervals, though carrier is up. */
    ARP_UNANSWERED,
    /** LACP stopped the member distributing: its partner went silent, fell out of sync, or min-links failed. */
    LACP,
    /**
     * The member's transmit ring stayed full for the bond's failover-on-busy time: a "resource limitation" ([0101]-
     * [0102]), failed over as a whole member; it returns by the failback mode once its ring has room.
     */
    BUSY,
    /** Failback: the member is back in its failover-order place. */
    FAILBACK,
    /** A load-based bond moved a VM's port to this member, off one busy for the bond's whole window. */
    LOAD_MOVED
}
