package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.LineRate;

/**
 * A full-duplex cable between two ends, with a propagation delay. The carrier is up while the cable is plugged and
 * both ends' hardware works; a change reaches both ends at once. Frames in flight when the carrier drops are lost and
 * counted in {@link #lostFrames()}.
 */
final class Cable {

    private final String label;
    private final long speedBps;
    private final CableEnd a;
    private final CableEnd b;
    private final Direction towardB;
    private final Direction towardA;
    private boolean plugged = true;
    private boolean carrierUp;
    private long lostFrames;

    /** Connects both ends and raises the carrier if both are operational. */
    Cable(KernelScheduler scheduler, String label, long speedBps, long delayNanos, CableEnd a, CableEnd b) {
        this.label = label;
        this.speedBps = speedBps;
        this.a = a;
        this.b = b;
        int inFlightBound = (int) Math.min(1 << 20,
                delayNanos / Math.max(1, LineRate.minimumFrameNanos(speedBps)) + 2);
        this.towardB = new Direction(scheduler, label + " ->", delayNanos, b, inFlightBound);
        this.towardA = new Direction(scheduler, label + " <-", delayNanos, a, inFlightBound);
        a.connect(this, towardB);
        b.connect(this, towardA);
        updateCarrier();
    }

    long speedBps() {
        return speedBps;
    }

    CableEnd a() {
        return a;
    }

    CableEnd b() {
        return b;
    }

    boolean plugged() {
        return plugged;
    }

    boolean carrierUp() {
        return carrierUp;
    }

    /** Frames that were on the wire, either way, when the carrier dropped. */
    long lostFrames() {
        return lostFrames;
    }

    int inFlightFrames() {
        return towardA.count + towardB.count;
    }

    void unplug() {
        plugged = false;
        updateCarrier();
    }

    void plug() {
        plugged = true;
        updateCarrier();
    }

    /** Re-reads plug and hardware state; tells both ends if the carrier changed. */
    void updateCarrier() {
        boolean up = plugged && a.operational() && b.operational();
        if (up == carrierUp) {
            return;
        }
        carrierUp = up;
        if (!up) {
            lostFrames += towardA.flush() + towardB.flush();
        }
        a.carrierChanged(up);
        b.carrierChanged(up);
    }

    /** Starts a capture at {@code end}: what it sends and what it receives. One capture per end. */
    void tap(CableEnd end, Capture capture) {
        Direction outbound = end == a ? towardB : towardA;
        Direction inbound = end == a ? towardA : towardB;
        if (outbound.sendTap != null) {
            throw new IllegalArgumentException("that port is already being captured");
        }
        outbound.sendTap = capture;
        inbound.arriveTap = capture;
    }

    void untap(CableEnd end, Capture capture) {
        Direction outbound = end == a ? towardB : towardA;
        Direction inbound = end == a ? towardA : towardB;
        if (outbound.sendTap == capture) {
            outbound.sendTap = null;
            inbound.arriveTap = null;
        }
    }

    boolean tapped(CableEnd end) {
        return (end == a ? towardB : towardA).sendTap != null;
    }

    @Override
    public String toString() {
        return "Cable[" + label + (carrierUp ? " up" : " down") + "]";
    }

    /** One way along the cable: frames in flight in arrival order, delivered by one re-armed timer. */
    final class Direction {

        private final long delayNanos;
        private final CableEnd far;
        private final Timer arrival;
        private final KernelScheduler scheduler;
        private FrameBuffer[] frames;
        private long[] arrivalNanos;
        private int head;
        private int count;
        /** A capture at the sending end, or null; one field read per frame when there is none. */
        private Capture sendTap;
        /** A capture at the receiving end, or null. */
        private Capture arriveTap;

        private Direction(KernelScheduler scheduler, String name, long delayNanos, CableEnd far, int capacity) {
            this.scheduler = scheduler;
            this.delayNanos = delayNanos;
            this.far = far;
            this.frames = new FrameBuffer[capacity];
            this.arrivalNanos = new long[capacity];
            this.arrival = delayNanos == 0 ? null : scheduler.newTimer(name, this::arrive);
        }

        /** The sender's last bit just left: the frame reaches the far end one propagation delay later. */
        void carry(FrameBuffer frame) {
            if (!carrierUp) {
                lostFrames++;
                frame.release();
                return;
            }
            if (sendTap != null) {
                sendTap.frame(frame);
            }
            if (delayNanos == 0) {
                deliver(frame);
                return;
            }
            if (count == frames.length) {
                grow();
            }
            long due = scheduler.nanoTime() + delayNanos;
            int tail = head + count < frames.length ? head + count : head + count - frames.length;
            frames[tail] = frame;
            arrivalNanos[tail] = due;
            count++;
            if (count == 1) {
                arrival.armAt(due);
            }
        }

        private void arrive() {
            long now = scheduler.nanoTime();
            // A receiver may pull the cable while we deliver; the loop re-reads the ring each time.
            while (count > 0 && arrivalNanos[head] <= now) {
                FrameBuffer frame = frames[head];
                frames[head] = null;
                head = head + 1 == frames.length ? 0 : head + 1;
                count--;
                deliver(frame);
            }
            if (count > 0) {
                arrival.armAt(arrivalNanos[head]);
            }
        }

        private void deliver(FrameBuffer frame) {
            if (arriveTap != null) {
                arriveTap.frame(frame);
            }
            far.receive(frame);
        }

        private int flush() {
            int flushed = count;
            while (count > 0) {
                frames[head].release();
                frames[head] = null;
                head = head + 1 == frames.length ? 0 : head + 1;
                count--;
            }
            if (arrival != null) {
                arrival.cancel();
            }
            return flushed;
        }

        /** Sized from the delay and the shortest frame, this never runs; it is here so a wrong bound costs memory, not frames. */
        private void grow() {
            FrameBuffer[] biggerFrames = new FrameBuffer[frames.length * 2];
            long[] biggerArrivals = new long[frames.length * 2];
            for (int i = 0; i < count; i++) {
                int from = (head + i) % frames.length;
                biggerFrames[i] = frames[from];
                biggerArrivals[i] = arrivalNanos[from];
            }
            frames = biggerFrames;
            arrivalNanos = biggerArrivals;
            head = 0;
        }
    }
}
