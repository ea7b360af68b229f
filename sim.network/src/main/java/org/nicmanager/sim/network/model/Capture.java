package org.nicmanager.sim.network.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A packet capture on one end of a cable, as a sniffer on that port would see it: every frame the end sends, stamped
 * when its last bit leaves, and every frame it receives, stamped when it arrives, all on the kernel clock. It ends
 * after its duration, or when stopped.
 */
final class Capture {

    private final String port;
    private final KernelScheduler scheduler;
    private final PcapWriter writer;
    private final Cable cable;
    private final CableEnd end;
    private final Timer ending;
    private final Runnable whenEnded;
    private final long startedNanos;
    private long frames;
    private long bytes;
    private boolean open = true;
    private String failure;

    /** @param forNanos 0: until stopped */
    Capture(KernelScheduler scheduler, String port, Path file, Cable cable, CableEnd end, long forNanos,
            Runnable whenEnded) throws IOException {
        this.port = port;
        this.scheduler = scheduler;
        this.writer = new PcapWriter(file);
        this.cable = cable;
        this.end = end;
        this.whenEnded = whenEnded;
        this.startedNanos = scheduler.nanoTime();
        this.ending = scheduler.newTimer("capture " + port, this::stop);
        cable.tap(end, this);
        if (forNanos > 0) {
            ending.armAfter(forNanos);
        }
    }

    /** A frame crossed the captured end. Copies its bytes into the file's buffer; allocates nothing. */
    void frame(FrameBuffer frame) {
        if (!open) {
            return;
        }
        try {
            writer.record(scheduler.nanoTime(), frame.data(), frame.length());
            frames++;
            bytes += frame.length();
        } catch (UncheckedIOException e) {
            failure = e.getCause().getMessage(); // a full disk ends the capture, never the frame's journey
            stop();
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
        try {
            writer.close();
        } catch (UncheckedIOException e) {
            failure = e.getCause().getMessage();
        }
        whenEnded.run();
    }

    CaptureView view() {
        return new CaptureView(port, writer.file().toString(), open ? "RUNNING" : "ENDED", startedNanos, frames,
                bytes, failure == null ? "" : failure);
    }
}
