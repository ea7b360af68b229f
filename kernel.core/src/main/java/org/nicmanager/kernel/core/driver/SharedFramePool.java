package org.nicmanager.kernel.core.driver;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * A fixed set of frame buffers in a bounded lock-free queue (D. Vyukov's array queue: each cell carries a sequence
 * number that says whose turn it is), so that a driver thread can take buffers that the world, or the driver itself,
 * releases. All buffers are made up front; direct ones are slices of one off-heap block, as a driver's DMA area would
 * be. Nothing is allocated per frame.
 */
final class SharedFramePool implements FrameSupply {

    private final String name;
    private final int size;
    private final int bufferBytes;
    private final FrameMemory memory;
    private final FrameBuffer[] cells;
    private final AtomicLongArray sequences;
    private final int mask;
    private final AtomicLong enqueueAt = new PaddedIndex();
    private final AtomicLong dequeueAt = new PaddedIndex();
    private final AtomicLong exhausted = new PaddedIndex();

    SharedFramePool(String name, int buffers, int bufferBytes, FrameMemory memory) {
        if (buffers < 1 || buffers > (1 << 24)) {
            throw new IllegalArgumentException("frame supply '" + name + "' cannot have " + buffers
                    + " buffers: expected 1.." + (1 << 24));
        }
        if (bufferBytes < 1 || bufferBytes > FrameBuffer.MAX_SUPER_FRAME_BYTES) {
            throw new IllegalArgumentException("frame supply '" + name + "': buffer size " + bufferBytes
                    + " bytes is outside 1.." + FrameBuffer.MAX_SUPER_FRAME_BYTES);
        }
        if (memory == FrameMemory.DIRECT && (long) buffers * bufferBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame supply '" + name + "': " + buffers + " x " + bufferBytes
                    + " bytes is more off-heap memory than one block can hold (2 GiB)");
        }
        if (memory == null) {
            throw new IllegalArgumentException("frame supply '" + name + "' needs a memory kind: HEAP or DIRECT");
        }
        this.name = name;
        this.size = buffers;
        this.bufferBytes = bufferBytes;
        this.memory = memory;
        int cellCount = Integer.highestOneBit(Math.max(2, buffers - 1) << 1);
        this.cells = new FrameBuffer[cellCount];
        this.sequences = new AtomicLongArray(cellCount);
        this.mask = cellCount - 1;
        for (int i = 0; i < cellCount; i++) {
            sequences.set(i, i);
        }
        ByteBuffer block = memory == FrameMemory.DIRECT ? ByteBuffer.allocateDirect(buffers * bufferBytes) : null;
        for (int i = 0; i < buffers; i++) {
            ByteBuffer bytes = block != null ? block.slice(i * bufferBytes, bufferBytes)
                    : ByteBuffer.allocate(bufferBytes);
            FrameBuffer.over(bytes, this::recycle).release(); // into the queue, marked free
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FrameBuffer take() {
        FrameBuffer buffer = dequeue();
        if (buffer == null) {
            exhausted.incrementAndGet();
            return null;
        }
        buffer.reissue();
        return buffer;
    }

    private void recycle(FrameBuffer buffer) {
        if (!enqueue(buffer)) {
            // More releases than buffers: FrameBuffer's own guard failed, which is a kernel bug.
            throw new IllegalStateException("frame supply '" + name + "' received more buffers than it made");
        }
    }

    private boolean enqueue(FrameBuffer buffer) {
        long position = enqueueAt.get();
        while (true) {
            int cell = (int) position & mask;
            long turn = sequences.get(cell) - position;
            if (turn == 0) {
                if (enqueueAt.compareAndSet(position, position + 1)) {
                    cells[cell] = buffer;
                    sequences.set(cell, position + 1);
                    return true;
                }
                position = enqueueAt.get();
            } else if (turn < 0) {
                if (position - dequeueAt.get() >= cells.length) {
                    return false; // really full
                }
                // A taker claimed this cell a lap ago and has not yet marked it free: a moment's wait, not a full queue.
                Thread.onSpinWait();
                position = enqueueAt.get();
            } else {
                position = enqueueAt.get();
            }
        }
    }

    private FrameBuffer dequeue() {
        long position = dequeueAt.get();
        while (true) {
            int cell = (int) position & mask;
            long turn = sequences.get(cell) - (position + 1);
            if (turn == 0) {
                if (dequeueAt.compareAndSet(position, position + 1)) {
                    FrameBuffer buffer = cells[cell];
                    cells[cell] = null;
                    sequences.set(cell, position + mask + 1);
                    return buffer;
                }
                position = dequeueAt.get();
            } else if (turn < 0) {
                return null;
            } else {
                position = dequeueAt.get();
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int bufferBytes() {
        return bufferBytes;
    }

    @Override
    public FrameMemory memory() {
        return memory;
    }

    @Override
    public int available() {
        return (int) Math.max(0, Math.min(size, enqueueAt.get() - dequeueAt.get()));
    }

    @Override
    public long exhaustedCount() {
        return exhausted.get();
    }

    @Override
    public String toString() {
        return "FrameSupply[" + name + " " + size + " x " + bufferBytes + " B " + memory + "]";
    }
}
