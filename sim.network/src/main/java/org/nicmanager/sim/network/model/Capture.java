package org.nicmanager.sim.network.model;

import java.util.concurrent.CompletableFuture;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A packet capture on one end of a cable, as a sniffer on that port would see it: every frame the end sends, stamped
 * when its last bit leaves, and every frame it receives, stamped when it arrives, all on the kernel clock. It ends
 * after its duration, or when stopped. The file is written by a {@link CaptureWriter} on its own thread; the world only
 * copies records into its ring.
 */
final class Capture {

    private final String port;
    private final KernelScheduler scheduler;
    private final CaptureWriter writer;
    private final String file;
    private final Cable cable;
    private final CableEnd end;
    private final Timer ending;
    private final Runnable whenEnded;
    private final long startedNanos;
    private long frames;
    private long bytes;
    private boolean open = true;

    /** @param forNanos 0: until stopped */
    Capture(KernelScheduler scheduler, String port, CaptureFile file, Cable cable, CableEnd end, long forNanos,
            Runnable whenEnded) {
        this.port = port;
        this.scheduler = scheduler;
        this.writer = new CaptureWriter(file, port);
        this.file = file.path().toString();
        this.cable = cable;
        this.end = end;
        this.whenEnded = whenEnded;
        this.startedNanos = scheduler.nanoTime();
        this.ending = scheduler.newTimer("capture " + port, this::stop);
        cable.tap(end, this);
        writer.start();
        if (forNanos > 0) {
            ending.armAfter(forNanos);
        }
    }

    /** A frame crossed the captured end. Hands its bytes to the writer's ring; allocates nothing, never waits. */
    void frame(FrameBuffer frame) {
        if (!open) {
            return;
        }
        if (writer.failure() != null) {
            stop(); // a full disk ends the capture, never the frame's journey
            return;
        }
        if (writer.record(scheduler.nanoTime(), frame.data(), frame.length())) {
            frames++;
            bytes += frame.length();
        }
    }

    /** Ends the capture and closes the file; stopping twice does nothing. */
    void stop() {
        if (!open) {
            return;
        }
        open = false;
        ending.cancel();
        cable.untap(end, this);
        writer.close();
        whenEnded.run();
    }

    /** Completes when the writer has put every record in the file and closed it. */
    CompletableFuture<Void> written() {
        return writer.finished();
    }

    /** RUNNING; WRITING once ended while the writer still drains its ring; ENDED when the file is complete. */
    CaptureView view() {
        String state = open ? "RUNNING" : writer.done() ? "ENDED" : "WRITING";
        String failure = writer.failure();
        return new CaptureView(port, file, state, startedNanos, frames, bytes, writer.droppedFrames(), failure);
    }
}
