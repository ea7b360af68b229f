package org.nicmanager.kernel.core.driver;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveHandler;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * The driver rings of one world thread (DESIGN.md section 3a): it opens them, and its loop drains the ones that a
 * driver thread signalled. A publish from a driver thread sets the ring's flag, then this world's, then unparks the
 * world thread; the world clears the flags before it reads the rings, so a publish that races with a drain is seen by
 * that drain or wakes the world again, never lost.
 */
public final class WorldRings {

    /** How a ring's failure is named to the failure sink, which timers share: "ring eth0 rx". */
    public static final String FAILURE_PREFIX = "ring ";

    private final Thread worldThread;
    private final BiConsumer<String, Throwable> failureSink;
    /** Copy-on-write: rings are opened and closed rarely and read on every drain. */
    private volatile DrainedRing[] rings = new DrainedRing[0];
    private volatile boolean work;
    private long drainFailures;
    /** World thread only: transmit rings whose doorbell waits for the end of the world's round of work. */
    private TransmitFrameRing[] doorbells = new TransmitFrameRing[8];
    private int doorbellCount;

    /** @param failureSink told about each ring handler that threw; the world goes on */
    public WorldRings(Thread worldThread, BiConsumer<String, Throwable> failureSink) {
        this.worldThread = worldThread;
        this.failureSink = failureSink;
    }

    /** Opens a receive ring that feeds {@code world}, which the caller has checked is run by this world thread. */
    public ReceiveRing openReceive(NetworkWorld world, String name, int slots, ReceiveHandler handler) {
        check(world, name, slots);
        ReceiveFrameRing ring = new ReceiveFrameRing(this, world, name, slots,
                Objects.requireNonNull(handler, "handler"));
        add(ring);
        return ring;
    }

    public TransmitRing openTransmit(NetworkWorld world, String name, int slots, TransmitHandler handler) {
        check(world, name, slots);
        TransmitFrameRing ring = new TransmitFrameRing(this, world, name, slots,
                Objects.requireNonNull(handler, "handler"));
        add(ring);
        return ring;
    }

    /** A supply belongs to no world: any thread of any world may take from it and release to it. */
    public static FrameSupply newSupply(String name, int buffers, int bufferBytes, FrameMemory memory) {
        return new SharedFramePool(name, buffers, bufferBytes, memory);
    }

    /** Throws when {@code candidate} is not {@code self}: a ring must feed the world it is opened on. */
    public static void requireWorld(NetworkWorld self, NetworkWorld candidate, String name) {
        if (candidate != self) {
            throw new IllegalArgumentException("ring '" + name + "' names a network world that this kernel does not"
                    + " run (" + candidate + "); open it on the NetworkWorld service it feeds");
        }
    }

    private void check(NetworkWorld world, String name, int slots) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a driver ring needs a name, e.g. 'eth0 rx'");
        }
        if (slots < DriverRings.MIN_SLOTS || slots > DriverRings.MAX_SLOTS || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("ring '" + name + "' cannot have " + slots + " slots: expected a power"
                    + " of two in " + DriverRings.MIN_SLOTS + ".." + DriverRings.MAX_SLOTS);
        }
        if (!world.inWorld()) {
            throw new IllegalStateException("ring '" + name + "' must be opened on its world's thread");
        }
    }

    private synchronized void add(DrainedRing ring) {
        DrainedRing[] grown = Arrays.copyOf(rings, rings.length + 1);
        grown[rings.length] = ring;
        rings = grown;
    }

    synchronized void remove(DrainedRing ring) {
        rings = Arrays.stream(rings).filter(r -> r != ring).toArray(DrainedRing[]::new);
    }

    /** Called by a ring's publish from a driver thread, once per signal. */
    void wake() {
        work = true;
        LockSupport.unpark(worldThread);
    }

    /** True while a driver thread has published something the world has not drained. */
    public boolean hasWork() {
        return work;
    }

    public int openRings() {
        return rings.length;
    }

    /** Ring handlers that threw. Each was reported to the failure sink. */
    public long drainFailures() {
        return drainFailures;
    }

    /**
     * Rings {@code ring}'s doorbell when the world's current round of work is over ({@link #ringDoorbells}), not now:
     * a driver thread then sees every frame of the round at once, and flushes them with one system call rather than
     * one each. World thread only; the ring asks at most once per round.
     */
    void deferDoorbell(TransmitFrameRing ring) {
        if (doorbellCount == doorbells.length) {
            doorbells = Arrays.copyOf(doorbells, 2 * doorbells.length); // grows with the NICs, not per frame
        }
        doorbells[doorbellCount++] = ring;
    }

    /**
     * Rings the doorbells deferred during this round, before the world sleeps. A doorbell may transmit at once and
     * hand back completions that offer again: those ring in this call too. World thread only.
     */
    public void ringDoorbells() {
        for (int i = 0; i < doorbellCount; i++) {
            TransmitFrameRing ring = doorbells[i];
            doorbells[i] = null;
            try {
                ring.ringDoorbell();
            } catch (RuntimeException failure) {
                drainFailures++;
                failureSink.accept(FAILURE_PREFIX + ring.name(), failure);
            }
        }
        doorbellCount = 0;
    }

    /** Drains every signalled ring. World thread only. */
    public void drainSignalled() {
        if (!work) {
            return;
        }
        work = false;
        for (DrainedRing ring : rings) {
            if (ring.signalled()) {
                drainSafely(ring);
            }
        }
    }

    private void drainSafely(DrainedRing ring) {
        try {
            ring.drain();
        } catch (RuntimeException failure) {
            // One faulty handler must not stop the world. What the ring still holds is drained on the next round.
            drainFailures++;
            ring.signalAgain();
            work = true;
            failureSink.accept(FAILURE_PREFIX + ring.name(), failure);
        }
    }
}
