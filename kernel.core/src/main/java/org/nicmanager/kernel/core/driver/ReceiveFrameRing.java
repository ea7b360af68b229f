package org.nicmanager.kernel.core.driver;

import java.util.concurrent.atomic.AtomicLong;

import org.nicmanager.kernel.api.driver.ReceiveHandler;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.RingCounters;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * A single-producer, single-consumer ring of received frames: a driver thread offers and publishes, the world drains.
 * The producer writes slots with plain stores and publishes them with one volatile store of its index per batch; the
 * world frees each slot before it hands the frame on, so a handler may feed the same ring again (a producer on the
 * world thread) without a slot being lost.
 */
final class ReceiveFrameRing extends DrainedRing implements ReceiveRing {

    private final ReceiveHandler handler;
    private final FrameBuffer[] slots;
    private final int mask;
    /** Producer's next slot; its own, plain. */
    private long tail;
    /** The consumer's index as the producer last read it, so a free slot costs no volatile read. */
    private long headSeen;
    /** Consumer's next slot, written by the world only. */
    private final AtomicLong head = new PaddedIndex();
    /** Frames refused by {@link #offer}, written by the producer only. */
    private final AtomicLong refused = new PaddedIndex();
    /** Frames a closing ring still held, written by the world only. */
    private final AtomicLong discarded = new PaddedIndex();
    /** Written by the world at close, read by the producer. */
    private volatile boolean closed;

    ReceiveFrameRing(WorldRings rings, NetworkWorld world, String name, int slots, ReceiveHandler handler) {
        super(rings, world, name);
        this.handler = handler;
        this.slots = new FrameBuffer[slots];
        this.mask = slots - 1;
    }

    @Override
    public int capacity() {
        return slots.length;
    }

    @Override
    public boolean offer(FrameBuffer frame) {
        if (tail - headSeen >= slots.length || closed) {
            headSeen = head.get();
            if (tail - headSeen >= slots.length || closed) {
                refused.lazySet(refused.get() + 1); // one writer: the producer
                return false;
            }
        }
        slots[(int) tail & mask] = frame;
        tail++;
        return true;
    }

    @Override
    public void publish() {
        publishUpTo(tail);
    }

    @Override
    long delivered() {
        return head.get();
    }

    @Override
    void deliver(long index) {
        int slot = (int) index & mask;
        FrameBuffer frame = slots[slot];
        slots[slot] = null;
        head.lazySet(index + 1);
        handler.frameReceived(frame);
    }

    @Override
    public RingCounters counters() {
        long refusedAtOffer = refused.get();
        long delivered = head.get() - discarded.get();
        return new RingCounters(published.get() + refusedAtOffer, refusedAtOffer + discarded.get(), delivered,
                wakeUps.get());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rings.remove(this);
        long next = head.get();
        published.set(tail); // the producer has stopped, so its index is final; nothing it offered is lost
        long end = tail;
        while (next < end) {
            int slot = (int) next & mask;
            FrameBuffer frame = slots[slot];
            slots[slot] = null;
            head.lazySet(++next);
            discarded.lazySet(discarded.get() + 1);
            frame.release();
        }
    }

    @Override
    public String toString() {
        return "ReceiveRing[" + name + " " + slots.length + " slots]";
    }
}
