package org.nicmanager.nicmanager.engine;

/**
 * Where the frames a bond's members received went ([0057], [0063]-[0064]).
 *
 * @param routedFrames delivered to virtual NICs (each copy of a group frame counts)
 * @param localFrames sent by one virtual NIC to another on the same uplink, delivered without reaching a NIC
 * @param hostFrames addressed to one of the bond's own NICs: the host endpoint's
 * @param unknownDestination dropped: no virtual NIC owns the destination MAC
 * @param duplicateGroup dropped: a copy the switch flooded to a member other than the one that accepts it (a
 *            broadcast or multicast frame, or a frame for another member's MAC)
 * @param malformed dropped: failed the header check
 * @param noBuffer group copies not made: no buffer free
 * @param promiscuousCopies copies given to virtual NICs whose port accepts promiscuous mode
 * @param macChangeRefused dropped: for a virtual NIC whose guest changed its MAC while its port rejects MAC changes
 * @param promiscuousRefused copies not made: for virtual NICs whose guest asks for promiscuous mode while its port
 *            rejects it (each counted on that virtual NIC as {@code PROMISCUOUS_REFUSED})
 */
public record InboundCounts(long routedFrames, long localFrames, long hostFrames, long unknownDestination,
        long duplicateGroup, long malformed, long noBuffer, long promiscuousCopies, long macChangeRefused,
        long promiscuousRefused) {
}
