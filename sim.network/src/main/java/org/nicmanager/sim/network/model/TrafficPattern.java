package org.nicmanager.sim.network.model;

/** How a traffic source spaces its frames. */
public enum TrafficPattern {
    /** Constant bit rate: equal gaps. */
    CBR,
    /** Back-to-back bursts of {@link TrafficSpec#burstFrames()} at line rate, spaced to keep the average rate. */
    BURST,
    /** Exponential gaps with the given mean rate, from the kernel's seed. */
    POISSON
}
