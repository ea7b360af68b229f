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
 *            other port had a link, or the frame was too short to carry two MACs
 * @param queuedFrames frames waiting in the egress queue now
 */
public record PortStats(int port, String device, String state, long rxFrames, long rxBytes, long txFrames,
        long txBytes, long dropsQueueFull, long dropsLinkDown, long dropsNoBuffer, long dropsFiltered,
        int queuedFrames) {
}
