package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Received frames on their way from one driver thread into one network world. {@link #offer} and {@link #publish} are
 * for the single producer thread; nothing here locks, blocks or allocates.
 */
@ProviderType
public interface ReceiveRing {

    /** The world this ring feeds. */
    NetworkWorld world();

    String name();

    int capacity();

    /**
     * Puts a frame in the ring, not yet visible to the world. On {@code false} the ring is full: the frame stays with
     * the caller, which drops it (it usually releases it), and the refusal is counted in
     * {@link RingCounters#refusedFull}.
     */
    boolean offer(FrameBuffer frame);

    /** Makes the frames offered so far visible to the world and wakes it if it does not know yet. Once per batch. */
    void publish();

    /** Counters, readable from any thread (each one is exact, the set is not a snapshot). */
    RingCounters counters();

    /**
     * Detaches the ring from its world; frames still in it are released and counted as refused. On the world thread,
     * after the producer stopped.
     */
    void close();
}
