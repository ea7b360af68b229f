package org.nicmanager.drivers.linux.io;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Memory;

import org.nicmanager.drivers.linux.nativeio.Abi;
import org.nicmanager.drivers.linux.nativeio.Errno;
import org.nicmanager.drivers.linux.nativeio.LinuxCalls;
import org.nicmanager.drivers.linux.nativeio.MappedRing;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.drivers.linux.nativeio.WakeUp;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.OffloadHeader;
import org.nicmanager.lib.frames.OffloadSettler;

/**
 * A NIC's transmit thread: it takes frames from the world's {@link TransmitRing} in ring order, copies each into a free
 * slot of the memory-mapped transmit ring (data at frame + 32, after its virtio header when the socket takes them, so
 * that the kernel completes a pending checksum), marks it SEND_REQUEST, and flushes a batch with one
 * {@code sendto(fd, NULL, 0, MSG_DONTWAIT, NULL, 0)}. The kernel takes the marked slots in order; a slot it did not
 * take (the interface down, its queue full) is given back, and its frame completes ABORTED, so that the kernel can
 * resend it elsewhere; the others complete SENT. Completions are published once per batch.
 *
 * <p>A super-frame is not put in a slot: after the frames before it are flushed, it goes out alone through the
 * socket's offload side with its virtio header, so the order holds, and the kernel cuts its segments. Without virtio
 * headers in the slots, a frame whose checksum is pending gets it here.
 *
 * <p>While the interface has no carrier, frames are not sent into the dead link but completed ABORTED at once.
 *
 * <p>It sleeps in {@code poll()} on its {@link WakeUp}, which the ring's doorbell ({@link #framesWaiting()}) and
 * {@link #stop()} signal, or, while every slot is still with the kernel, on the socket's POLLOUT with a short bound.
 *
 * <p>Run to completion: when the doorbell finds this thread idle, the world thread sends the round's frames itself
 * and the thread is not woken. A wake-up of a sleeping thread costs tens of microseconds on a virtual machine, and a
 * frame's round trip through the host crossed four of them. The thread stays for a busy ring (more than
 * {@link #INLINE_FRAMES} frames waiting: a flood is sent in parallel with the world's next round, not after it) and
 * for what must wait (slots still with the kernel, a lost carrier). Whoever transmits holds {@link #transmitter}, taken
 * with one compare-and-set that never waits: the other side leaves the work to the holder, so the slots and the
 * ring's driver side have one user at a time. Nothing is allocated, locked or logged per frame.
 */
public final class TransmitLoop implements Runnable {

    static final int BATCH = 64;
    /** Bound on a wait for the kernel to free a slot, should its wake-up (POLLOUT) not come. */
    private static final int SLOT_WAIT_MILLIS = 1;
    /** The most frames waiting in the ring that the world sends itself; more are left to the thread. */
    static final int INLINE_FRAMES = 16;
    /** Rounds the world runs per doorbell: the frames, then the look that finds the ring empty. */
    private static final int INLINE_ROUNDS = 2;
    /** What a round of transmitting left: more frames, slots all with the kernel, or an empty ring. */
    private static final int MORE = 0;
    private static final int SLOTS_HELD = 1;
    private static final int EMPTY = 2;
    /** A super-frame the world could not send without waiting for the socket: the thread sends it. */
    private static final int FOR_THE_THREAD = 3;
    /** Who transmits now: no one, the thread, or the world. */
    private static final int NO_ONE = 0;
    private static final int THREAD = 1;
    private static final int WORLD = 2;

    private final PacketSocket socket;
    private final MappedRing slots;
    private final TransmitRing ring;
    private final DriverDrops drops;
    private final WakeUp wakeUp;
    private final Poller poller;
    /** The virtio header before each frame in a slot: 10 bytes, or 0 when the socket has none. */
    private final int vnetHeaderBytes;
    private final FrameBuffer[] batch = new FrameBuffer[BATCH];
    /** A virtio header and one super-frame, for the offload side; made once. */
    private final Memory offloadedBytes = new Memory(OffloadHeader.BYTES + FrameBuffer.MAX_SUPER_FRAME_BYTES);
    private final ByteBuffer offloadedView = offloadedBytes.getByteBuffer(0, offloadedBytes.size());
    /** An offloaded frame that ended the last fill, sent after the slots before it. */
    private FrameBuffer offloaded;
    private final AtomicInteger transmitter = new AtomicInteger(NO_ONE);
    /** Set once the thread has taken from the ring: the ring then knows its driver is not the world. */
    private volatile boolean threadStarted;
    /** Doorbells the world answered by transmitting itself; world thread. */
    private long worldTransmits;
    private volatile boolean running = true;
    /** False while the interface has no carrier: frames are then aborted, not sent into a dead link. */
    private volatile boolean carrier;
    /** The next slot to fill, which is also the kernel's next slot after each flush. */
    private int slot;
    private boolean waitingForSlot;

    public TransmitLoop(PacketSocket socket, TransmitRing ring, DriverDrops drops, boolean carrier) {
        this.socket = socket;
        this.carrier = carrier;
        this.slots = socket.transmitRing();
        this.vnetHeaderBytes = socket.vnetHeaderBytes();
        this.ring = ring;
        this.drops = drops;
        this.wakeUp = new WakeUp("the transmit thread of " + socket.interfaceName());
        this.poller = new Poller(socket.fd(), wakeUp.fd());
    }

    /** The largest frame a slot holds. */
    public int maxFrameBytes() {
        return slots.geometry().maxFrameBytes(Abi.TPACKET2_TX_DATA_OFFSET) - vnetHeaderBytes;
    }

    @Override
    public void run() {
        while (running) {
            int left = EMPTY; // when the world transmits, it wakes this thread for what it leaves
            if (transmitter.compareAndSet(NO_ONE, THREAD)) {
                left = transmitRound(true);
                transmitter.set(NO_ONE);
                threadStarted = true;
            }
            if (left == MORE) {
                continue;
            }
            if (left == SLOTS_HELD) {
                poller.await(Abi.POLLOUT, SLOT_WAIT_MILLIS);
                consumeWakeUp();
            } else if (poller.await((short) 0, -1)) {
                consumeWakeUp(); // take() found the ring empty: the next offer rings the doorbell
            }
        }
    }

    /**
     * One batch: aborted while there is no carrier, else filled into slots and flushed; what it left. A super-frame
     * goes after the slots before it, and before anything after it; the world ({@code mayWait} false) leaves one to
     * the thread rather than wait for the socket.
     */
    private int transmitRound(boolean mayWait) {
        if (offloaded != null) {
            return sendOffloaded(mayWait) ? MORE : FOR_THE_THREAD; // one the world left
        }
        if (!carrier) {
            abortWaiting();
        }
        int filled = carrier ? fill() : 0;
        if (filled > 0) {
            flushAndComplete(filled);
        }
        if (offloaded != null) {
            return sendOffloaded(mayWait) ? MORE : FOR_THE_THREAD;
        }
        if (filled > 0) {
            return MORE;
        }
        return waitingForSlot ? SLOTS_HELD : EMPTY;
    }

    private void consumeWakeUp() {
        if (poller.woken()) {
            wakeUp.consume();
        }
    }

    /**
     * The ring's doorbell, rung on the world thread at the end of its round after take() found the ring empty. With
     * the thread idle and at most {@link #INLINE_FRAMES} waiting, the world sends them here; else, or for what is
     * left, it wakes the thread.
     */
    public void framesWaiting() {
        if (!running || !threadStarted || ring.pendingFrames() > INLINE_FRAMES
                || !transmitter.compareAndSet(NO_ONE, WORLD)) {
            wakeUp.signal(); // a busy ring, a busy thread (it takes the frames this round or next), or not yet going
            return;
        }
        worldTransmits++;
        int left = MORE;
        try {
            for (int round = 0; round < INLINE_ROUNDS && left == MORE; round++) {
                left = transmitRound(false);
            }
        } finally {
            transmitter.set(NO_ONE);
        }
        if (left != EMPTY) {
            wakeUp.signal();
        }
    }

    /** Doorbells the world answered by transmitting itself, not by waking this thread; world thread. */
    public long worldTransmits() {
        return worldTransmits;
    }

    /**
     * The interface lost or regained its carrier; from the world thread. Without carrier, the frames still in the
     * ring come back ABORTED, oldest first, so that a bond can resend them on another member (patent [0101]).
     */
    public void carrierChanged(boolean up) {
        carrier = up;
        wakeUp.signal();
    }

    private void abortWaiting() {
        FrameBuffer frame;
        int aborted = 0;
        while ((frame = ring.take()) != null) {
            drops.countTransmitAborted();
            ring.complete(frame, TransmitOutcome.ABORTED);
            aborted++;
        }
        if (aborted > 0) {
            ring.publish();
        }
    }

    /** Asks the thread to stop; from any other thread. Frames still in the world's ring stay there. */
    public void stop() {
        running = false;
        wakeUp.signal();
    }

    /** Closes the wake-up, once the thread has ended. */
    public void close() {
        wakeUp.close();
    }

    /** Moves frames into free slots, up to a batch; answers how many. */
    private int fill() {
        waitingForSlot = false;
        int filled = 0;
        int next = slot;
        while (filled < BATCH) {
            int status = slots.status(next);
            if (status != Abi.TP_STATUS_AVAILABLE && status != Abi.TP_STATUS_WRONG_FORMAT) {
                waitingForSlot = true; // the kernel still holds it
                break;
            }
            FrameBuffer frame = ring.take();
            if (frame == null) {
                break;
            }
            if (frame.offload().superFrame()) {
                offloaded = frame;
                break;
            }
            int data = slots.offset(next) + Abi.TPACKET2_TX_DATA_OFFSET;
            if (vnetHeaderBytes > 0) {
                OffloadHeader.write(frame.offload(), slots.memory(), data); // a pending checksum: the kernel's
            } else {
                OffloadSettler.settle(frame); // a pending checksum, completed here
            }
            frame.copyTo(slots.memory(), data + vnetHeaderBytes);
            slots.setIntField(next, Abi.TP_LEN, vnetHeaderBytes + frame.length());
            slots.setStatus(next, Abi.TP_STATUS_SEND_REQUEST);
            batch[filled++] = frame;
            next = slots.next(next);
        }
        return filled;
    }

    /** Sends {@link #offloaded} with its virtio header and completes it; false when it was left for the thread. */
    private boolean sendOffloaded(boolean mayWait) {
        FrameBuffer frame = offloaded;
        OffloadHeader.write(frame.offload(), offloadedView, 0);
        frame.copyTo(offloadedView, OffloadHeader.BYTES);
        long sent = socket.sendOffloaded(offloadedBytes, OffloadHeader.BYTES + frame.length(), mayWait);
        if (sent < 0 && !mayWait && LinuxCalls.errno() == Errno.EAGAIN) {
            return false; // the socket's send buffer is full: the thread, which may wait, sends it
        }
        offloaded = null;
        if (sent >= 0) {
            ring.complete(frame, TransmitOutcome.SENT);
        } else {
            drops.countTransmitAborted();
            ring.complete(frame, TransmitOutcome.ABORTED);
        }
        ring.publish();
        return true;
    }

    /**
     * Flushes, then completes the batch in order. The kernel took the marked slots in order from {@link #slot}: the
     * first one still marked SEND_REQUEST is where it stopped, so it and the rest are given back and aborted.
     */
    private void flushAndComplete(int filled) {
        socket.flush();
        int taken = 0;
        int at = slot;
        while (taken < filled && slots.status(at) != Abi.TP_STATUS_SEND_REQUEST) {
            at = slots.next(at);
            taken++;
        }
        slot = at;
        for (int i = taken; i < filled; i++) {
            slots.setStatus(at, Abi.TP_STATUS_AVAILABLE);
            at = slots.next(at);
        }
        for (int i = 0; i < filled; i++) {
            FrameBuffer frame = batch[i];
            batch[i] = null;
            if (i < taken) {
                ring.complete(frame, TransmitOutcome.SENT);
            } else {
                drops.countTransmitAborted();
                ring.complete(frame, TransmitOutcome.ABORTED);
            }
        }
        ring.publish();
    }
}
