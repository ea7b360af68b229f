package org.nicmanager.sim.network.model;

import java.util.function.Consumer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameQueue;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Serialises a queue of frames onto one direction of a cable at line rate, one frame at a time, back to back. The
 * frame at the head stays queued (and counted as pending) until its last bit has left; then it is handed to the cable
 * and the next one starts at that same instant, so a saturated queue keeps the line exactly full.
 *
 * <p>One timer, re-armed per frame; nothing is allocated per frame.
 */
final class Transmitter {

    /** Told after each frame has left the wire and been handed to the cable. */
    interface Owner {
        void frameSent(int lengthBytes);
    }

    private final KernelScheduler scheduler;
    private final FrameQueue queue;
    private final LineRate line;
    private final Timer serialised;
    private final Owner owner;
    private Cable.Direction outbound;
    private boolean sending;
    /** When the head frame's last bit leaves; meaningful while {@link #sending}. */
    private long headDoneNanos;

    Transmitter(KernelScheduler scheduler, String name, long speedBps, int queueFrames, Owner owner) {
        this.scheduler = scheduler;
        this.queue = new FrameQueue(queueFrames);
        this.line = new LineRate(speedBps);
        this.owner = owner;
        this.serialised = scheduler.newTimer(name, this::headSerialised);
    }

    void connect(Cable.Direction outbound) {
        this.outbound = outbound;
    }

    /** Queues a frame; false (the caller keeps it) when the queue is full. */
    boolean offer(FrameBuffer frame) {
        if (!queue.offer(frame)) {
            return false;
        }
        if (!sending) {
            startHead(scheduler.nanoTime());
        }
        return true;
    }

    private void startHead(long startNanos) {
        sending = true;
        headDoneNanos = startNanos + line.nanosFor(queue.peek().length());
        serialised.armAt(headDoneNanos);
    }

    private void headSerialised() {
        FrameBuffer frame = queue.poll();
        sending = false;
        if (!queue.isEmpty()) {
            // Chained from the previous end, not from "now", so a late real-time timer does not stretch the line.
            startHead(headDoneNanos);
        }
        int lengthBytes = frame.length();
        outbound.carry(frame);
        owner.frameSent(lengthBytes);
    }

    /** Drops everything queued, including the frame half on the wire; returns how many frames that was. */
    int flush() {
        return drainTo(FrameBuffer::release);
    }

    /**
     * Empties the queue without sending, the frame half on the wire included, and hands each frame to {@code taker},
     * oldest first; returns how many frames that was.
     */
    int drainTo(Consumer<FrameBuffer> taker) {
        serialised.cancel();
        sending = false;
        int drained = queue.size();
        FrameBuffer frame;
        while ((frame = queue.poll()) != null) {
            taker.accept(frame);
        }
        return drained;
    }

    int queuedFrames() {
        return queue.size();
    }

    long queuedBytes() {
        return queue.bytes();
    }

    boolean full() {
        return queue.isFull();
    }

    long speedBps() {
        return line.speedBps();
    }
}
