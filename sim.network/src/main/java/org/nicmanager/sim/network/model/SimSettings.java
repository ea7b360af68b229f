package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * The physical constants of a simulated world.
 *
 * @param cablePropagationDelayNanos one-way delay of every cable; 0 hands a frame to the far end the instant its last
 *            bit leaves the sender
 * @param macAgingNanos how long a switch remembers a MAC that has sent nothing
 * @param switchEgressQueueFrames frames each switch port may hold for sending; beyond that it tail-drops
 * @param poolBuffers standard (2 KiB) frame buffers the world owns for hosts, floods and flooded copies; a jumbo pool
 *            of a sixteenth as many buffers comes with it
 * @param defaultHostLinkBps line rate of an external host's link unless given
 * @param limits how many switches, switch ports and hosts the world may hold
 */
public record SimSettings(long cablePropagationDelayNanos, long macAgingNanos, int switchEgressQueueFrames,
        int poolBuffers, long defaultHostLinkBps, WorldLimits limits) {

    /** Holds a 1,518-byte frame with room to spare; the pool's standard size. */
    public static final int STANDARD_BUFFER_BYTES = 2048;
    public static final int JUMBO_BUFFER_BYTES = FrameBuffer.MAX_FRAME_BYTES;
    /**
     * Rack cables of a few metres (about 5 ns/m) delay a frame far less than it takes to serialise (672 ns for 64
     * bytes at 1 Gb/s), and a zero delay saves two timer expiries per hop; set a delay for long links.
     */
    public static final long DEFAULT_CABLE_PROPAGATION_DELAY_NANOS = 0;
    public static final long DEFAULT_MAC_AGING_NANOS = 300_000_000_000L;
    public static final int DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES = 1024;
    /** 32 MiB of standard buffers: enough for every ring and egress queue of a few dozen saturated ports. */
    public static final int DEFAULT_POOL_BUFFERS = 16_384;
    public static final long DEFAULT_HOST_LINK_BPS = 10_000_000_000L;
    private static final int JUMBO_SHARE = 16;
    private static final int MIN_JUMBO_BUFFERS = 16;

    public SimSettings {
        if (cablePropagationDelayNanos < 0) {
            throw new IllegalArgumentException(
                    "cable propagation delay " + cablePropagationDelayNanos + " ns is negative; 0 or more allowed");
        }
        if (macAgingNanos <= 0) {
            throw new IllegalArgumentException("MAC aging time " + macAgingNanos + " ns must be positive");
        }
        if (switchEgressQueueFrames < 1) {
            throw new IllegalArgumentException(
                    "switch egress queue of " + switchEgressQueueFrames + " frames: at least 1 needed");
        }
        if (poolBuffers < 1) {
            throw new IllegalArgumentException("frame pool of " + poolBuffers + " buffers: at least 1 needed");
        }
        if (defaultHostLinkBps <= 0) {
            throw new IllegalArgumentException("host link speed " + defaultHostLinkBps + " bps must be positive");
        }
        if (limits == null) {
            throw new IllegalArgumentException("no world limits given");
        }
    }

    public static SimSettings defaults() {
        return new SimSettings(DEFAULT_CABLE_PROPAGATION_DELAY_NANOS, DEFAULT_MAC_AGING_NANOS,
                DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES, DEFAULT_POOL_BUFFERS, DEFAULT_HOST_LINK_BPS, WorldLimits.defaults());
    }

    /** Jumbo buffers that come with {@link #poolBuffers()}: a sixteenth as many, at least 16. */
    public int jumboPoolBuffers() {
        return Math.max(MIN_JUMBO_BUFFERS, poolBuffers / JUMBO_SHARE);
    }

    public SimSettings withCablePropagationDelayNanos(long nanos) {
        return new SimSettings(nanos, macAgingNanos, switchEgressQueueFrames, poolBuffers, defaultHostLinkBps,
                limits);
    }

    public SimSettings withMacAgingNanos(long nanos) {
        return new SimSettings(cablePropagationDelayNanos, nanos, switchEgressQueueFrames, poolBuffers,
                defaultHostLinkBps, limits);
    }

    public SimSettings withSwitchEgressQueueFrames(int frames) {
        return new SimSettings(cablePropagationDelayNanos, macAgingNanos, frames, poolBuffers, defaultHostLinkBps,
                limits);
    }

    public SimSettings withPoolBuffers(int buffers) {
        return new SimSettings(cablePropagationDelayNanos, macAgingNanos, switchEgressQueueFrames, buffers,
                defaultHostLinkBps, limits);
    }

    public SimSettings withLimits(WorldLimits worldLimits) {
        return new SimSettings(cablePropagationDelayNanos, macAgingNanos, switchEgressQueueFrames, poolBuffers,
                defaultHostLinkBps, worldLimits);
    }

    public SimSettings withDefaultHostLinkBps(long bps) {
        return new SimSettings(cablePropagationDelayNanos, macAgingNanos, switchEgressQueueFrames, poolBuffers, bps,
                limits);
    }
}
