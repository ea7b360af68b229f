package org.nicmanager.kernel.core.driver;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * The world's side of a ring that another thread publishes to, shared by receive rings (frames published by the
 * driver) and transmit rings (completions published by the driver): the publish that wakes the world at most once per
 * batch, the signal the world's loop reads, and the drain that delivers everything published, in order, even when a
 * delivery feeds the ring again.
 */
abstract class DrainedRing {

    final WorldRings rings;
    final NetworkWorld world;
    final String name;
    /** How far the producer has published; the volatile store that orders the slots written before it. */
    final AtomicLong published = new PaddedIndex();
    final AtomicLong wakeUps = new PaddedIndex();
    private final AtomicBoolean signal = new AtomicBoolean();
    /** World thread only: a drain is running further up the stack. */
    private boolean draining;

    DrainedRing(WorldRings rings, NetworkWorld world, String name) {
        this.rings = rings;
        this.world = world;
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public final NetworkWorld world() {
        return world;
    }

    /** The index of the next entry the world delivers. */
    abstract long delivered();

    /** Delivers entry {@code index}: frees its slot, advances {@link #delivered()}, then hands it on. World thread. */
    abstract void deliver(long index);

    /**
     * Publishes the producer's entries up to {@code index}. A producer on the world thread is drained at once; another
     * thread signals the world and wakes it, at most once until the world has drained.
     */
    final void publishUpTo(long index) {
        if (published.get() == index) {
            return;
        }
        if (world.inWorld()) {
            published.lazySet(index); // no other thread to tell: the world drains it now
            drain();
            return;
        }
        published.set(index); // volatile: ordered before the read of the signal below (see WorldRings)
        if (!signal.get() && signal.compareAndSet(false, true)) {
            wakeUps.lazySet(wakeUps.get() + 1);
            rings.wake();
        }
    }

    /** True once a publish asked for a drain; cleared by {@link #drain()}. Any thread. */
    final boolean signalled() {
        return signal.get();
    }

    /** Asks for another drain: a handler threw, and what the ring still holds must not wait for the next publish. */
    final void signalAgain() {
        signal.set(true);
    }

    /** Delivers everything published so far, in order. World thread only. */
    final void drain() {
        if (draining) {
            return; // the drain below on the stack goes on until the ring is empty, in order
        }
        draining = true;
        try {
            if (signal.get()) {
                signal.set(false); // before the index is read: a publish from now on signals again
            }
            long next = delivered();
            long end;
            while (next < (end = published.get())) {
                do {
                    deliver(next++);
                } while (next < end);
            }
        } finally {
            draining = false;
        }
    }
}
