package org.nicmanager.kernel.api.driver;

/** Where a {@link FrameSupply}'s buffers live. */
public enum FrameMemory {
    /** On the Java heap: {@code FrameBuffer.data()} works, and the kernel reads headers in place. */
    HEAP,
    /**
     * Off the heap, in direct {@link java.nio.ByteBuffer}s that a device or a native ring can reach without a copy.
     * Read through {@code FrameBuffer.memory()}. The kernel's frame path reads headers through
     * {@code FrameBuffer.data()}, so a frame for a {@code NicListener} is copied once into a heap buffer first.
     */
    DIRECT
}
