package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/** A bounded FIFO of frames that keeps their byte total: a transmit ring or an egress queue. Allocates nothing. */
final class FrameRing {

    private final FrameBuffer[] slots;
    private int head;
    private int count;
    private long bytes;

    FrameRing(int capacityFrames) {
        if (capacityFrames < 1) {
            throw new IllegalArgumentException("a frame ring needs at least 1 slot, not " + capacityFrames);
        }
        slots = new FrameBuffer[capacityFrames];
    }

    /** Adds at the tail; false (and nothing changes) when full. */
    boolean offer(FrameBuffer frame) {
        if (count == slots.length) {
            return false;
        }
        int tail = head + count;
        slots[tail < slots.length ? tail : tail - slots.length] = frame;
        count++;
        bytes += frame.length();
        return true;
    }

    FrameBuffer peek() {
        return count == 0 ? null : slots[head];
    }

    FrameBuffer poll() {
        if (count == 0) {
            return null;
        }
        FrameBuffer frame = slots[head];
        slots[head] = null;
        head = head + 1 == slots.length ? 0 : head + 1;
        count--;
        bytes -= frame.length();
        return frame;
    }

    /** Releases every frame held and returns how many there were. */
    int releaseAll() {
        int released = count;
        FrameBuffer frame;
        while ((frame = poll()) != null) {
            frame.release();
        }
        return released;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count == slots.length;
    }

    long bytes() {
        return bytes;
    }
}
