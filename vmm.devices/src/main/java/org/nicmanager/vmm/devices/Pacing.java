package org.nicmanager.vmm.devices;

/**
 * When a guest workload sends its next frame: the gap after each frame, in nanoseconds of kernel time. Called on the
 * world thread for every frame, so implementations neither allocate nor read a clock.
 */
interface Pacing {

    long NANOS_PER_SECOND = 1_000_000_000L;

    /** The gap between the frame just sent and the next one, at least 0. */
    long nextGapNanos();
}
