package org.nicmanager.sim.network.model;

/**
 * One switch port's counters. Drops are split by cause.
 *
 * @param state UP or DOWN
 * @param txFrames frames that left the port's wire
 * @param dropsQueueFull frames tail-dropped because the egress queue was full
 * @param dropsLinkDown frames for this port dropped, or flushed from its queue, because its link was down
 * @param dropsNoBuffer flooded copies this port did not get because the world's frame pool was exhausted
 * @param dropsFiltered frames that came in here and had nowhere to go: the destination is behind this same port, no
 *            other port had a link, the frame was too short to carry two MACs, or it was for a reserved link-local
 *            address (01-80-C2-00-00-0X) that no bridge forwards
 * @param queuedFrames frames waiting in the egress queue now
 * @param dropsNotCollecting frames that came in on a link of an aggregator that LACP had not enabled for collecting
 */
public record PortStats(int port, String device, String state, long rxFrames, long rxBytes, long txFrames,
        long txBytes, long dropsQueueFull, long dropsLinkDown, long dropsNoBuffer, long dropsFiltered,
        int queuedFrames, long dropsNotCollecting) {
}
