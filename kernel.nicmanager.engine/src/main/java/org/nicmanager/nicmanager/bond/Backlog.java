package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.FrameQueue;

/**
 * The frames a bond holds while no member can take them: a bounded FIFO (no allocation). Frames handed back by a
 * failed member's NIC go in front of the others, keeping their own order: they are older than anything queued after
 * them (zero-loss failover, patent [0101]).
 */
final class Backlog {

    private final FrameQueue queue;
    /** Returned frames inserted at the front since the last {@link #endReturnRun()}: where the next one goes. */
    private int returnRun;

    Backlog(int capacityFrames) {
        queue = new FrameQueue(capacityFrames);
    }

    /** Appends at the tail; false when full (the caller keeps the frame). */
    boolean offer(FrameBuffer frame) {
        return queue.offer(frame);
    }

    /**
     * Inserts a frame a NIC handed back, after the frames already returned in this run and before everything else, so
     * that a ring flushed oldest first keeps its order. False when full.
     */
    boolean insertReturned(FrameBuffer frame) {
        if (!queue.insert(returnRun, frame)) {
            return false;
        }
        returnRun++;
        return true;
    }

    /** Closes a run of returned frames: the next returned frame goes to the very front again. */
    void endReturnRun() {
        returnRun = 0;
    }

    FrameBuffer peek() {
        return queue.peek();
    }

    FrameBuffer poll() {
        FrameBuffer frame = queue.poll();
        if (frame != null && returnRun > 0) {
            returnRun--;
        }
        return frame;
    }

    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int capacity() {
        return queue.capacity();
    }
}
