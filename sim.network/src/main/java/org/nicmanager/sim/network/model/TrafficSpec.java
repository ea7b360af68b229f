package org.nicmanager.sim.network.model;

/**
 * A traffic source: {@code flows} flows (distinct UDP source ports) sharing {@code rate}, frames of
 * {@code frameBytes} (header to payload, no FCS), for {@code forNanos} (0: until stopped).
 */
public record TrafficSpec(String target, org.nicmanager.kernel.api.units.Rate rate, int frameBytes, int flows,
        TrafficPattern pattern, int burstFrames, long forNanos) {
}
