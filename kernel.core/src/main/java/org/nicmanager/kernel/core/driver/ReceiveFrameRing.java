package org.nicmanager.kernel.core.driver;

import java.util.concurrent.atomic.AtomicBoolean;
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
final class ReceiveFrameRing implements ReceiveRing, Drainable {

    private final WorldRings rings;
    private final NetworkWorld world;
    private final String name;
    private final ReceiveHandler handler;
    private final FrameBuffer[] slots;
    private final int mask;
    private final AtomicBoolean signal = new AtomicBoolean();
    /** Producer's next slot; its own, plain. */
    private long tail;
    /** The consumer's index as the producer last read it, so a free slot costs no volatile read. */
    private long headSeen;
    private final AtomicLong published = new PaddedIndex();
    /** Consumer's next slot, written by the world only. */
    private final AtomicLong head = new PaddedIndex();
    /** Frames refused by {@link #offer}, written by the producer only. */
    private final AtomicLong refused = new PaddedIndex();
    /** Frames a closing ring still held, written by the world only. */
    private final AtomicLong discarded = new PaddedIndex();
    private final AtomicLong wakeUps = new PaddedIndex();
    /** World thread only: a drain is running further up the stack. */
    private boolean draining;
    /** Written by the world at close, read by the producer. */
    private volatile boolean closed;

    ReceiveFrameRing(WorldRings rings, NetworkWorld world, String name, int slots, ReceiveHandler handler) {
        this.rings = rings;
        this.world = world;
        this.name = name;
        this.handler = handler;
        this.slots = new FrameBuffer[slots];
        this.mask = slots - 1;
    }

    @Override
    public NetworkWorld world() {
        return world;
    }

    @Override
    public String name() {
        return name;
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
        if (published.get() == tail) {
            return;
        }
        if (world.inWorld()) {
            published.lazySet(tail); // no other thread to tell: the world drains it now
            drain();
            return;
        }
        published.set(tail); // volatile: ordered before the read of the signal below (see WorldRings)
        if (!signal.get() && signal.compareAndSet(false, true)) {
            wakeUps.lazySet(wakeUps.get() + 1);
            rings.wake();
        }
    }

    @Override
    public boolean signalled() {
        return signal.get();
    }

    @Override
    public void signalAgain() {
        signal.set(true);
    }

    @Override
    public void drain() {
        if (draining) {
            return; // the drain below on the stack goes on until the ring is empty, in order
        }
        draining = true;
        try {
            if (signal.get()) {
                signal.set(false); // before the index is read: a publish from now on signals again
            }
            long next = head.get();
            long end;
            while (next < (end = published.get())) {
                do {
                    int slot = (int) next & mask;
                    FrameBuffer frame = slots[slot];
                    slots[slot] = null;
                    head.lazySet(++next);
                    handler.frameReceived(frame);
                } while (next < end);
            }
        } finally {
            draining = false;
        }
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
