package org.nicmanager.lib.frames;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A bounded FIFO of frame buffers that keeps their byte total: a transmit ring, a switch port's egress queue, a
 * bond's backlog. A ring of references, allocated once; owned by one thread (the network world), so no locks.
 */
@ProviderType
public final class FrameQueue {

    private final FrameBuffer[] slots;
    private int head;
    private int count;
    private long bytes;

    public FrameQueue(int capacityFrames) {
        if (capacityFrames < 1) {
            throw new IllegalArgumentException("a frame queue needs at least 1 slot, not " + capacityFrames);
        }
        slots = new FrameBuffer[capacityFrames];
    }

    /** Adds at the tail; false (and nothing changes) when full. */
    public boolean offer(FrameBuffer frame) {
        return insert(count, frame);
    }

    /**
     * Puts a frame at {@code position} (0 is the head), moving the frames before it one place towards the front; false
     * (and nothing changes) when full. Costs O(position): for control events such as a failover's returned frames.
     */
    public boolean insert(int position, FrameBuffer frame) {
        if (position < 0 || position > count) {
            throw new IndexOutOfBoundsException("position " + position + " in a queue of " + count);
        }
        if (count == slots.length) {
            return false;
        }
        if (position < count) {
            head = head == 0 ? slots.length - 1 : head - 1;
            for (int i = 0; i < position; i++) {
                slots[index(i)] = slots[index(i + 1)];
            }
        }
        slots[index(position)] = frame;
        count++;
        bytes += frame.length();
        return true;
    }

    /** The head, or {@code null} when empty. */
    public FrameBuffer peek() {
        return count == 0 ? null : slots[head];
    }

    /** Removes and returns the head, or {@code null} when empty. */
    public FrameBuffer poll() {
        if (count == 0) {
            return null;
        }
        FrameBuffer frame = slots[head];
        slots[head] = null;
        head = index(1);
        count--;
        bytes -= frame.length();
        return frame;
    }

    /** Releases every frame held and returns how many there were. */
    public int releaseAll() {
        int released = count;
        FrameBuffer frame;
        while ((frame = poll()) != null) {
            frame.release();
        }
        return released;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public boolean isFull() {
        return count == slots.length;
    }

    public int capacity() {
        return slots.length;
    }

    /** Bytes held, counted as {@link FrameBuffer#length()}. */
    public long bytes() {
        return bytes;
    }

    private int index(int position) {
        int at = head + position;
        return at < slots.length ? at : at - slots.length;
    }
}
