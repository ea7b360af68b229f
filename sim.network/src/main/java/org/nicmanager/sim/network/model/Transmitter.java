package org.nicmanager.sim.network.model;

import java.util.function.Consumer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.FrameQueue;
import org.nicmanager.lib.frames.LineRate;

/**
 * Serialises a queue of frames onto one direction of a cable at line rate, one frame at a time, back to back. The
 * frame at the head stays queued (and counted as pending) until its last bit has left; then it is handed to the cable
 * and the next one starts at that same instant, so a saturated queue keeps the line exactly full.
 *
 * <p>One timer, re-armed per frame; nothing is allocated per frame.
 *
 * <p>A control frame ({@link #offerControl}, an LACPDU) waits in a slot of its own and goes next, ahead of the queue,
 * as switches give their control plane priority: a saturated port would otherwise starve its partner of LACPDUs.
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
    /** A control frame waiting to go next, or null. */
    private FrameBuffer control;
    /** The frame on the wire is {@link #control}, not the queue's head. */
    private boolean sendingControl;
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
            startNext(scheduler.nanoTime());
        }
        return true;
    }

    /** Sends a control frame next, ahead of the queue; false (the caller keeps it) while another one waits. */
    boolean offerControl(FrameBuffer frame) {
        if (control != null) {
            return false;
        }
        control = frame;
        if (!sending) {
            startNext(scheduler.nanoTime());
        }
        return true;
    }

    private void startNext(long startNanos) {
        sendingControl = control != null;
        FrameBuffer next = sendingControl ? control : queue.peek();
        sending = true;
        headDoneNanos = startNanos + line.nanosFor(next.length());
        serialised.armAt(headDoneNanos);
    }

    private void headSerialised() {
        FrameBuffer frame;
        if (sendingControl) {
            frame = control;
            control = null;
        } else {
            frame = queue.poll();
        }
        sending = false;
        if (control != null || !queue.isEmpty()) {
            // Chained from the previous end, not from "now", so a late real-time timer does not stretch the line.
            startNext(headDoneNanos);
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
        if (control != null) {
            taker.accept(control);
            control = null;
            drained++;
        }
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
