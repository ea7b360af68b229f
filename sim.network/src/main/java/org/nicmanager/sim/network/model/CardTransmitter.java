package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.LineRate;

/**
 * The transmit engine of a simulated card: the driver side of its {@link TransmitRing}, as a real card's DMA engine
 * or a driver's transmit thread would be, modelled here on the world thread. It takes frames in ring order, serialises
 * each at line rate, back to back, and completes it as its last bit leaves ({@link TransmitOutcome#SENT}), or when the
 * link drops it ({@link TransmitOutcome#ABORTED}). One timer, re-armed per frame; nothing is allocated per frame.
 */
final class CardTransmitter {

    private final KernelScheduler scheduler;
    private final LineRate line;
    private final Timer serialised;
    private TransmitRing ring;
    /** The frame whose bits are leaving, or null while idle. */
    private FrameBuffer onWire;
    /** When the frame on the wire is done; meaningful while {@link #onWire} is set. */
    private long doneNanos;

    CardTransmitter(KernelScheduler scheduler, String name, long speedBps) {
        this.scheduler = scheduler;
        this.line = new LineRate(speedBps);
        this.serialised = scheduler.newTimer(name, this::lastBitLeft);
    }

    void attach(TransmitRing ring) {
        this.ring = ring;
    }

    /** The ring's doorbell: a frame waits and this engine may be idle. */
    void framesWaiting() {
        if (onWire == null) {
            startNext(scheduler.nanoTime());
        }
    }

    private void startNext(long startNanos) {
        FrameBuffer next = ring.take();
        if (next == null) {
            return;
        }
        onWire = next;
        doneNanos = startNanos + line.nanosFor(next.length());
        serialised.armAt(doneNanos);
    }

    private void lastBitLeft() {
        FrameBuffer frame = onWire;
        onWire = null;
        // Chained from the previous end, not from "now", so a late real-time timer does not stretch the line.
        startNext(doneNanos);
        ring.complete(frame, TransmitOutcome.SENT);
        ring.publish();
    }

    /** The link is gone: the frame half on the wire and every frame waiting are aborted, oldest first. */
    void abortAll() {
        serialised.cancel();
        if (onWire != null) {
            ring.complete(onWire, TransmitOutcome.ABORTED);
            onWire = null;
        }
        FrameBuffer waiting;
        while ((waiting = ring.take()) != null) {
            ring.complete(waiting, TransmitOutcome.ABORTED);
        }
        ring.publish();
    }
}
