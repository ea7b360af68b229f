package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * The frames a bond holds while no member can take them: a bounded FIFO (a ring of references, no allocation). Frames
 * handed back by a failed member's NIC go in front of the others, keeping their own order: they are older than
 * anything queued after them (zero-loss failover, patent [0101]).
 */
final class Backlog {

    private final FrameBuffer[] slots;
    private int head;
    private int count;
    /** Returned frames inserted at the front since the last {@link #endReturnRun()}: where the next one goes. */
    private int returnRun;

    Backlog(int capacityFrames) {
        slots = new FrameBuffer[capacityFrames];
    }

    /** Appends at the tail; false when full (the caller keeps the frame). */
    boolean offer(FrameBuffer frame) {
        if (count == slots.length) {
            return false;
        }
        slots[index(count)] = frame;
        count++;
        return true;
    }

    /**
     * Inserts a frame a NIC handed back, after the frames already returned in this run and before everything else, so
     * that a ring flushed oldest first keeps its order. False when full.
     */
    boolean insertReturned(FrameBuffer frame) {
        if (count == slots.length) {
            return false;
        }
        // Open a gap at position returnRun by moving the frames before it one place towards the front.
        head = head == 0 ? slots.length - 1 : head - 1;
        for (int i = 0; i < returnRun; i++) {
            slots[index(i)] = slots[index(i + 1)];
        }
        slots[index(returnRun)] = frame;
        count++;
        returnRun++;
        return true;
    }

    /** Closes a run of returned frames: the next returned frame goes to the very front again. */
    void endReturnRun() {
        returnRun = 0;
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
        head = index(1);
        count--;
        if (returnRun > 0) {
            returnRun--;
        }
        return frame;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int capacity() {
        return slots.length;
    }

    private int index(int position) {
        int at = head + position;
        return at < slots.length ? at : at - slots.length;
    }
}
