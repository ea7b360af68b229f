package org.nicmanager.kernel.core.driver;

import java.util.concurrent.atomic.AtomicLong;

import org.nicmanager.kernel.api.driver.RingCounters;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * A transmit descriptor ring: the world offers frames, the driver's thread takes them and completes them in order,
 * and the world hands the completions back. Four indexes chase one another round the slots, as on a NIC: offered
 * (world) ahead of taken (driver) ahead of completed (driver) ahead of reclaimed (world). A slot is free again only
 * once its completion has reached the world, so {@link #full()} is exact on the world thread and back-pressure is
 * BUSY.
 */
final class TransmitFrameRing extends DrainedRing implements TransmitRing {

    private static final TransmitOutcome[] OUTCOMES = TransmitOutcome.values();

    private final TransmitHandler handler;
    private final FrameBuffer[] slots;
    /** Each slot's outcome, written by the driver before it publishes the completion. */
    private final byte[] outcomes;
    private final int mask;
    // world side
    private final AtomicLong offered = new PaddedIndex();
    private final AtomicLong reclaimed = new PaddedIndex();
    private final AtomicLong refused = new PaddedIndex();
    private long pendingBytes;
    /**
     * The driver's side runs on the world thread too (a simulated card), so the world's index needs no fence. Set by
     * the first take; until then the world fences, which is always safe.
     */
    private boolean driverInWorld;
    private boolean driverKnown;
    private boolean closed;
    /** The doorbell of a driver off the world thread is deferred to the end of the world's round, and is pending. */
    private boolean doorbellPending;
    // driver side
    /** Frames taken, published only when the driver finds the ring empty: that is all the doorbell needs to know. */
    private final AtomicLong taken = new PaddedIndex();
    private long takenLocal;
    private long offeredSeen;
    private long completedLocal;

    TransmitFrameRing(WorldRings rings, NetworkWorld world, String name, int slots, TransmitHandler handler) {
        super(rings, world, name);
        this.handler = handler;
        this.slots = new FrameBuffer[slots];
        this.outcomes = new byte[slots];
        this.mask = slots - 1;
    }

    @Override
    public int capacity() {
        return slots.length;
    }

    // --- world side ---------------------------------------------------------------------------------------------

    @Override
    public boolean offer(FrameBuffer frame) {
        long next = offered.get();
        if (closed || next - reclaimed.get() >= slots.length) {
            refused.lazySet(refused.get() + 1);
            return false;
        }
        slots[(int) next & mask] = frame;
        pendingBytes += frame.length();
        if (driverInWorld) {
            offered.lazySet(next + 1); // the driver is this thread: nothing to order against
        } else {
            offered.set(next + 1); // volatile: ordered before the read of the driver's index below
        }
        if (taken.get() == next) {
            doorbell(); // the driver found the ring empty and has not seen this frame
        }
        return true;
    }

    /**
     * A driver in the world is rung at once, so that a simulated card starts on the frame at the instant it is
     * offered. A driver thread is rung at the end of the world's round ({@link WorldRings#ringDoorbells}).
     */
    private void doorbell() {
        if (!driverKnown || driverInWorld) {
            handler.framesWaiting();
        } else if (!doorbellPending) {
            doorbellPending = true;
            rings.deferDoorbell(this);
        }
    }

    /** The deferred doorbell; world thread. */
    void ringDoorbell() {
        doorbellPending = false;
        if (!closed) {
            handler.framesWaiting();
        }
    }

    @Override
    public int pendingFrames() {
        return (int) (offered.get() - reclaimed.get());
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public boolean full() {
        return offered.get() - reclaimed.get() >= slots.length;
    }

    // --- driver side --------------------------------------------------------------------------------------------

    @Override
    public FrameBuffer take() {
        if (!driverKnown) {
            driverInWorld = world.inWorld(); // the one consumer thread is the world's, or never is
            driverKnown = true;
        }
        if (takenLocal == offeredSeen) {
            offeredSeen = offered.get();
            if (takenLocal == offeredSeen) {
                // Found empty: say so (volatile), then look once more, so that an offer racing with this either is
                // seen here or finds the driver idle and rings the doorbell (see offer).
                taken.set(takenLocal);
                offeredSeen = offered.get();
                if (takenLocal == offeredSeen) {
                    return null;
                }
            }
        }
        return slots[(int) takenLocal++ & mask];
    }

    @Override
    public void complete(FrameBuffer frame, TransmitOutcome outcome) {
        if (completedLocal == takenLocal) {
            throw new IllegalStateException("ring '" + name + "': completion of a frame that was never taken (every"
                    + " taken frame is completed)");
        }
        int slot = (int) completedLocal & mask;
        if (slots[slot] != frame) {
            throw new IllegalStateException("ring '" + name + "': completion out of order; frame " + completedLocal
                    + " is the oldest taken and must complete first");
        }
        outcomes[slot] = (byte) outcome.ordinal();
        completedLocal++;
    }

    @Override
    public void publish() {
        publishUpTo(completedLocal);
    }

    // --- the world's drain of completions ------------------------------------------------------------------------

    @Override
    long delivered() {
        return reclaimed.get();
    }

    @Override
    void deliver(long index) {
        reclaimOne(index, OUTCOMES[outcomes[(int) index & mask]]);
    }

    /** Frees slot {@code index}, then hands its frame back: the handler may offer again at once. */
    private long reclaimOne(long index, TransmitOutcome outcome) {
        int slot = (int) index & mask;
        FrameBuffer frame = slots[slot];
        slots[slot] = null;
        pendingBytes -= frame.length();
        reclaimed.lazySet(index + 1);
        handler.transmitDone(frame, outcome);
        return index + 1;
    }

    @Override
    public RingCounters counters() {
        long refusedFull = refused.get();
        return new RingCounters(offered.get() + refusedFull, refusedFull, reclaimed.get(), wakeUps.get());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        drain();
        closed = true;
        rings.remove(this);
        long next = reclaimed.get();
        long end = offered.get();
        while (next < end) {
            next = reclaimOne(next, TransmitOutcome.ABORTED);
        }
    }

    @Override
    public String toString() {
        return "TransmitRing[" + name + " " + slots.length + " slots]";
    }
}
