package org.nicmanager.lib.frames;

import java.nio.ByteBuffer;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * A fixed number of heap {@link FrameBuffer}s, each made the first time it is needed and reused from then on, so that
 * no frame costs an allocation in steady state and an idle world holds no memory it never used. The pool is a plain
 * array stack with no locks: it belongs to one thread, the network world's (a driver thread uses a thread-safe supply
 * instead).
 *
 * <p>When every buffer is in use, {@link #acquire()} returns {@code null}; the caller drops the frame with a reason and
 * the miss is counted here.
 */
public final class FramePool implements FrameBuffer.Recycler {

    private final FrameBuffer[] free;
    private final int size;
    private final int bufferCapacityBytes;
    private int freeCount;
    /** Buffers made so far; the rest are made on demand, up to {@link #size}. */
    private int created;
    private long acquired;
    private long exhausted;

    /**
     * @param buffers number of buffers, at least 1
     * @param bufferCapacityBytes bytes in each buffer, 1..{@link FrameBuffer#MAX_FRAME_BYTES}
     */
    public FramePool(int buffers, int bufferCapacityBytes) {
        if (buffers < 1) {
            throw new IllegalArgumentException("a frame pool needs at least 1 buffer, not " + buffers);
        }
        if (bufferCapacityBytes < 1 || bufferCapacityBytes > FrameBuffer.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("buffer capacity " + bufferCapacityBytes
                    + " bytes is outside 1.." + FrameBuffer.MAX_FRAME_BYTES);
        }
        this.size = buffers;
        this.bufferCapacityBytes = bufferCapacityBytes;
        this.free = new FrameBuffer[buffers];
    }

    /** A clean buffer, or {@code null} when the pool is exhausted. */
    public FrameBuffer acquire() {
        FrameBuffer buffer;
        if (freeCount > 0) {
            buffer = free[--freeCount];
            free[freeCount] = null;
            buffer.reissue();
        } else if (created < size) {
            buffer = FrameBuffer.over(ByteBuffer.wrap(new byte[bufferCapacityBytes]), this);
            created++;
        } else {
            exhausted++;
            return null;
        }
        acquired++;
        return buffer;
    }

    /**
     * Takes back a buffer this pool made; called by {@link FrameBuffer#release()}, which refuses a second release of
     * the same buffer before it gets here.
     */
    @Override
    public void recycle(FrameBuffer buffer) {
        free[freeCount++] = buffer;
    }

    public int size() {
        return size;
    }

    /** Buffers that {@link #acquire()} can still hand out, made or not. */
    public int available() {
        return freeCount + size - created;
    }

    public int inUse() {
        return created - freeCount;
    }

    public int bufferCapacityBytes() {
        return bufferCapacityBytes;
    }

    /** Buffers handed out since the pool was made. */
    public long acquiredCount() {
        return acquired;
    }

    /** Times {@link #acquire()} found the pool empty. */
    public long exhaustedCount() {
        return exhausted;
    }
}
