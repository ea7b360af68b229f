package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Empty frame buffers that any thread may take, and to which any thread that owns a buffer last may release it
 * ({@link FrameBuffer#release()}). Lock-free and allocation-free after it is made.
 */
@ProviderType
public interface FrameSupply {

    String name();

    /** A clean buffer, or {@code null} when every buffer is in use (counted in {@link #exhaustedCount()}). */
    FrameBuffer take();

    int size();

    int bufferBytes();

    FrameMemory memory();

    /** Buffers that {@link #take()} can hand out now. Approximate while other threads take and release. */
    int available();

    long exhaustedCount();
}
