package org.nicmanager.kernel.api.distribution;

/** How a policy uses the bond's members; the NIC manager's roles, back-pressure and capacity follow it. */
public enum Spreading {
    /**
     * Frame by frame (round-robin, least-loaded): no flow belongs to a member, so a frame whose member's ring is full
     * may go to another member at once.
     */
    FRAME_BY_FRAME,
    /**
     * Each flow (or VM) stays on one member: a full ring makes the frame wait for its member rather than overtake its
     * flow's older frames on another.
     */
    KEEPS_FLOWS,
    /** Active-backup: one member carries everything, the others stand by; the bond carries one member's rate. */
    ONE_MEMBER
}
