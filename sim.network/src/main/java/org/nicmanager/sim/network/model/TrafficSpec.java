package org.nicmanager.sim.network.model;

/**
 * A traffic source: {@code flows} flows (distinct UDP source ports) sharing {@code rate}, frames of
 * {@code frameBytes} (header to payload, no FCS), for {@code forNanos} (0: until stopped) and at most
 * {@code frameCount} frames in all (0: no limit by count).
 */
public record TrafficSpec(String target, org.nicmanager.lib.units.Rate rate, int frameBytes, int flows,
        TrafficPattern pattern, int burstFrames, long forNanos, long frameCount) {

    /** A source without a frame count: it runs for {@code forNanos} or until stopped. */
    public TrafficSpec(String target, org.nicmanager.lib.units.Rate rate, int frameBytes, int flows,
            TrafficPattern pattern, int burstFrames, long forNanos) {
        this(target, rate, frameBytes, flows, pattern, burstFrames, forNanos, 0);
    }
}
