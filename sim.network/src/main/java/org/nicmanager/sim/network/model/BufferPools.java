package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.FramePool;

/** The world's own frame buffers: a standard pool for frames up to 2 KiB and a smaller one for jumbo frames. */
final class BufferPools {

    private final FramePool standard;
    private final FramePool jumbo;

    BufferPools(SimSettings settings) {
        standard = new FramePool(settings.poolBuffers(), SimSettings.STANDARD_BUFFER_BYTES);
        jumbo = new FramePool(settings.jumboPoolBuffers(), SimSettings.JUMBO_BUFFER_BYTES);
    }

    /** A buffer that holds {@code lengthBytes}, or {@code null} when its pool is exhausted (the pool counts it). */
    FrameBuffer acquire(int lengthBytes) {
        return lengthBytes <= SimSettings.STANDARD_BUFFER_BYTES ? standard.acquire() : jumbo.acquire();
    }

    /** A copy of {@code frame} in a fresh buffer, or {@code null} when the pool is exhausted. */
    FrameBuffer copyOf(FrameBuffer frame) {
        FrameBuffer copy = acquire(frame.length());
        if (copy != null) {
            copy.copyFrom(frame.data(), 0, frame.length());
        }
        return copy;
    }

    int inUse() {
        return standard.inUse() + jumbo.inUse();
    }

    long exhaustedCount() {
        return standard.exhaustedCount() + jumbo.exhaustedCount();
    }
}
