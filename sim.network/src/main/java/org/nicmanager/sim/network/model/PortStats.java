package org.nicmanager.sim.network.model;

/** One switch port's counters. Drops are split by cause. */
public record PortStats(int port, String device, String state, long rxFrames, long rxBytes, long txFrames,
        long txBytes, long dropsQueueFull, long dropsLinkDown) {
}
