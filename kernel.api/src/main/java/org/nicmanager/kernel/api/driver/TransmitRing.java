package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Frames on their way from one network world to one driver thread, and their completions on the way back. The world
 * side ({@link #offer}, {@link #pendingFrames}, {@link #pendingBytes}, {@link #full}) is for the world thread; the
 * driver side ({@link #take}, {@link #complete}, {@link #publish}) for the driver's single transmit thread.
 */
@ProviderType
public interface TransmitRing {

    NetworkWorld world();

    String name();

    int capacity();

    // --- world side ---------------------------------------------------------------------------------------------

    /**
     * Queues a frame for the driver. On {@code false} every slot holds a frame not yet completed: the caller keeps the
     * frame, the refusal is counted, and the NIC answers BUSY. When the driver last found the ring empty, the
     * handler's {@link TransmitHandler#framesWaiting()} is its doorbell.
     */
    boolean offer(FrameBuffer frame);

    /** Frames offered and not yet completed back in the world: the descriptors in use. */
    int pendingFrames();

    long pendingBytes();

    boolean full();

    // --- driver side --------------------------------------------------------------------------------------------

    /** The oldest frame not yet taken, or {@code null}. The frame is the driver's to read until it completes it. */
    FrameBuffer take();

    /**
     * Completes the oldest frame taken and not yet completed, which must be {@code frame}: completions go back in
     * ring order. Not visible to the world until {@link #publish()}.
     *
     * @throws IllegalStateException when {@code frame} is not that frame, or none is taken
     */
    void complete(FrameBuffer frame, TransmitOutcome outcome);

    /** Makes the completions so far visible to the world and wakes it if it does not know yet. Once per batch. */
    void publish();

    /** Counters, readable from any thread. */
    RingCounters counters();

    /**
     * Detaches the ring from its world: frames not yet completed go to the handler as {@link TransmitOutcome#ABORTED},
     * oldest first. On the world thread, after the driver's transmit thread stopped.
     */
    void close();
}
