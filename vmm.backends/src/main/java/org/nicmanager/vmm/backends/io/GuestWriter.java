package org.nicmanager.vmm.backends.io;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.OffloadHeader;

/**
 * Frames for a real guest, written to its {@link GuestChannel} in ring order: the world offers them to the transmit
 * ring ({@link #received}), with no lock, no allocation and no wait; a full ring drops the frame, counted as
 * {@link GuestDrop#GUEST_QUEUE_FULL}. The writer thread takes them, writes each, completes it, and sleeps when the
 * ring is empty until the ring's doorbell ({@link #framesWaiting}) wakes it.
 *
 * <p>Run to completion: when the doorbell finds the writer asleep and at most {@link #INLINE_FRAMES} frames waiting,
 * the world writes them itself, since a wake-up costs more than a few writes. A busier ring is left to the writer,
 * which then writes in parallel with the world's next round. Whoever writes holds {@link #writing}, taken with one
 * compare-and-set that never waits; the channel's writes never wait either.
 */
final class GuestWriter implements TransmitHandler {

    /** The most frames waiting for the guest that the world writes itself; more are left to the writer. */
    static final int INLINE_FRAMES = 16;
    /** Who writes to the guest now: no one, the writer thread, or the world. */
    private static final int NO_ONE = 0;
    private static final int WRITER = 1;
    private static final int WORLD = 2;

    private final GuestChannel channel;
    private final DropCounts drops;
    /** The virtio header before each frame on the channel: 0, or 10 with offloads. */
    private final int offloadHeaderBytes;
    private final Thread thread;
    private final AtomicInteger writing = new AtomicInteger(NO_ONE);
    /** Set once the writer has taken from the ring: the ring then knows its driver is not the world. */
    private volatile boolean writerStarted;
    /** The world's buffer for the frames it writes itself; made once. */
    private final ByteBuffer worldFrameBytes;
    private TransmitRing toGuest;
    private volatile boolean running = true;
    /** The channel said it is gone for good: frames for the guest are dropped. */
    private volatile boolean gone;

    GuestWriter(GuestChannel channel, DropCounts drops, String name) {
        this.channel = channel;
        this.drops = drops;
        this.offloadHeaderBytes = channel.offloadHeaderBytes();
        this.worldFrameBytes = newWriteBuffer();
        this.thread = new Thread(this::writeFrames, name + " writer");
        thread.setDaemon(true);
    }

    /** Starts the writer on the ring opened with this as its handler. */
    void start(TransmitRing ring) {
        this.toGuest = ring;
        thread.start();
    }

    /** A frame for the guest, on the world thread: handed to the writer, or dropped and counted when it is behind. */
    void received(FrameBuffer frame) {
        if (!toGuest.offer(frame)) {
            drops.count(GuestDrop.GUEST_QUEUE_FULL);
            frame.release();
        }
    }

    /** The channel is gone for good: what is still for the guest is dropped as {@link GuestDrop#GUEST_GONE}. */
    void channelGone() {
        gone = true;
    }

    boolean gone() {
        return gone;
    }

    /** Asks the writer to stop; {@link #thread()} to wait for it. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    Thread thread() {
        return thread;
    }

    @Override
    public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
        frame.release();
    }

    /**
     * The doorbell, on the world thread at the end of its round: with the writer asleep and few frames waiting, the
     * world writes them itself; else it wakes the writer.
     */
    @Override
    public void framesWaiting() {
        if (!running || !writerStarted || toGuest.pendingFrames() > INLINE_FRAMES
                || !writing.compareAndSet(NO_ONE, WORLD)) {
            LockSupport.unpark(thread);
            return;
        }
        try {
            writeBatch(worldFrameBytes); // a batch holds more than INLINE_FRAMES: it ends on the empty ring
        } finally {
            writing.set(NO_ONE);
        }
    }

    private ByteBuffer newWriteBuffer() {
        return ByteBuffer.allocateDirect(offloadHeaderBytes
                + (offloadHeaderBytes > 0 ? FrameBuffer.MAX_SUPER_FRAME_BYTES : FrameBuffer.MAX_FRAME_BYTES));
    }

    private void writeFrames() {
        ByteBuffer frameBytes = newWriteBuffer();
        while (running) {
            int written = 0; // when the world writes, it wakes this thread for what it leaves
            if (writing.compareAndSet(NO_ONE, WRITER)) {
                written = writeBatch(frameBytes);
                writing.set(NO_ONE);
                writerStarted = true;
            }
            if (written < RingedGuest.BATCH) {
                LockSupport.park(this); // until the doorbell (framesWaiting) or stop
            }
        }
    }

    /** Writes up to a batch of frames to the guest and publishes their completions; how many. */
    private int writeBatch(ByteBuffer frameBytes) {
        int written = 0;
        FrameBuffer frame;
        while (written < RingedGuest.BATCH && (frame = toGuest.take()) != null) {
            toGuest.complete(frame, write(frame, frameBytes));
            written++;
        }
        if (written > 0) {
            toGuest.publish();
        }
        return written;
    }

    private TransmitOutcome write(FrameBuffer frame, ByteBuffer frameBytes) {
        if (gone) {
            drops.count(GuestDrop.GUEST_GONE);
            return TransmitOutcome.ABORTED;
        }
        int length = frame.length();
        if (offloadHeaderBytes + length > frameBytes.capacity()) {
            drops.count(GuestDrop.SEND_FAILED);
            return TransmitOutcome.ABORTED;
        }
        frameBytes.clear(); // a bulk put checks the target's limit, which the last write set
        if (offloadHeaderBytes > 0) {
            OffloadHeader.write(frame.offload(), frameBytes, 0);
        }
        frame.copyTo(frameBytes, offloadHeaderBytes);
        try {
            channel.write(frameBytes, offloadHeaderBytes + length);
            return TransmitOutcome.SENT;
        } catch (PortUnreachableException noOneListens) {
            drops.count(GuestDrop.PEER_UNREACHABLE);
        } catch (IOException failed) {
            drops.count(GuestDrop.SEND_FAILED);
        }
        return TransmitOutcome.ABORTED;
    }
}
