package org.nicmanager.kernel.api.frame;

/**
 * Why a frame was dropped. Every drop carries one, so every frame is accounted for: the NIC manager, the resource
 * manager (patent step 810) and the simulated world all count by these.
 */
public enum DropReason {
    /** The VM is over its bandwidth limit. */
    OVER_LIMIT,
    /** The shaping filter (average, peak, burst) holds the frame back and the queue cannot take it. */
    SHAPING,
    /** The VM's queue is full in bytes or frames. */
    QUEUE_FULL,
    /** Higher-priority VMs have a backlog and this frame yields to them. */
    YIELDING_TO_HIGHER_PRIORITY,
    /** The VM is suspended. */
    VM_SUSPENDED,
    /** No member of the bond (or the unbonded NIC) can carry frames. */
    NO_MEMBER_AVAILABLE,
    /** The frame failed the header check. */
    MALFORMED,
    /** No kernel frame buffer was free. */
    NO_BUFFER,
    /** Longer than the MTU of the NIC that would carry it. */
    TOO_LONG,
    /** No VM or host port owns the destination MAC. */
    UNKNOWN_DESTINATION,
    /** The source MAC is not the virtual NIC's effective MAC, and its port rejects forged transmits. */
    FORGED_SOURCE_MAC,
    /** For a virtual NIC whose guest changed its MAC while its port rejects MAC changes: it receives nothing. */
    MAC_CHANGE_REFUSED,
    /**
     * A frame on the virtual NIC's uplink that its guest would have received in promiscuous mode, which the guest asked
     * for while its port rejects promiscuous mode: counted for that virtual NIC, never delivered.
     *
     * @since 3.2
     */
    PROMISCUOUS_REFUSED,
    /**
     * The VM is a cluster VM that this host does not own now, or no longer knows it owns (it lost its ZooKeeper
     * session and is not yet confirmed as owner again): its frames are never sent (issue 16, fencing).
     *
     * @since 3.3
     */
    NOT_OWNER
}
