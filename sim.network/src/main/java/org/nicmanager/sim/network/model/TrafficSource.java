package org.nicmanager.sim.network.model;

import java.util.SplittableRandom;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;

/**
 * A stream of frames from an external host, paced by one re-armed timer. Flows take turns; each flow has its own UDP
 * source port and stamps its own sequence numbers. A rate in bits per second counts the frame as the kernel holds it
 * ({@code frameBytes * 8} bits, no preamble, FCS or gap), the same bytes the NIC counters count.
 *
 * <p>CBR gaps are exact over any window (the rounding remainder is carried); BURST sends {@code burstFrames} back to
 * back every {@code burstFrames} gaps; POISSON draws exponential gaps from the source's own seeded random stream.
 *
 * <p>When the host's send queue is full the source waits for its link and then continues from there (it does not
 * catch up), so what it offers never exceeds the host's line rate and nothing is dropped at the source for that.
 * While the host's link is down, due frames are not built and are counted as the host's {@code txDropsLinkDown}.
 */
final class TrafficSource {

    /** What the frames are. */
    enum Shape {
        /** Stamped UDP to the target. */
        UDP,
        /** Stamped UDP to the broadcast MAC and address. */
        BROADCAST,
        /** Minimum-size TCP SYNs to the target's port 80, each from another source port. */
        SYN
    }

    static final int FIRST_SOURCE_PORT = 10_000;
    static final int DESTINATION_PORT = 9; // discard
    private static final int SYN_DESTINATION_PORT = 80;
    private static final int SYN_SOURCE_PORTS = 64_511;
    private static final int EPHEMERAL_PORT_BASE = 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final KernelScheduler scheduler;
    private final ExternalHost host;
    private final BufferPools buffers;
    private final Shape shape;
    private final long destinationMac;
    private final int destinationIp;
    private final int frameBytes;
    private final int flowIdBase;
    private final long[] sequences;
    private final int framesPerEvent;
    private final boolean poisson;
    /** The gap between events is gapNumerator / gapDenominator ns, exactly, with the remainder carried. */
    private final long gapNumerator;
    private final long gapDenominator;
    private final SplittableRandom random;
    private final Timer due;
    private final Timer end;
    private final Runnable onEnd;
    private long gapRemainder;
    private long nextEventNanos;
    private int nextFlow;
    private int pending;
    /** Frames still to offer; {@code Long.MAX_VALUE}: no end by count. */
    private long framesLeft;
    private boolean running;

    /**
     * @param rate frames per second, or bits per second of {@code frameBytes} frames; checked positive by the caller
     * @param onEnd run once when the source stops, at the end of {@code forNanos} or earlier; may be {@code null}
     */
    TrafficSource(KernelScheduler scheduler, ExternalHost host, BufferPools buffers, Shape shape, long destinationMac,
            int destinationIp, int frameBytes, int flows, int flowIdBase, TrafficPattern pattern, int burstFrames,
            Rate rate, SplittableRandom random, Runnable onEnd) {
        this.scheduler = scheduler;
        this.host = host;
        this.buffers = buffers;
        this.shape = shape;
        this.destinationMac = shape == Shape.BROADCAST ? MacAddress.BROADCAST : destinationMac;
        this.destinationIp = shape == Shape.BROADCAST ? -1 : destinationIp;
        this.frameBytes = shape == Shape.SYN ? FrameWriter.MIN_FRAME_BYTES : frameBytes;
        this.flowIdBase = flowIdBase;
        this.sequences = new long[flows];
        this.framesPerEvent = pattern == TrafficPattern.BURST ? burstFrames : 1;
        this.poisson = pattern == TrafficPattern.POISSON;
        long unitsPerFrame = rate.unit() == Rate.Unit.BITS_PER_SECOND ? this.frameBytes * (long) Byte.SIZE : 1;
        this.gapNumerator = unitsPerFrame * framesPerEvent * NANOS_PER_SECOND;
        this.gapDenominator = rate.perSecond();
        this.random = random;
        this.onEnd = onEnd;
        String label = "traffic " + host.name() + " " + shape;
        this.due = scheduler.newTimer(label, this::eventDue);
        this.end = scheduler.newTimer(label + " end", this::stop);
    }

    /** Mean gap between frames, in nanoseconds, for a rate in the caller's units. */
    static double meanFrameGapNanos(Rate rate, int frameBytes) {
        long unitsPerFrame = rate.unit() == Rate.Unit.BITS_PER_SECOND ? frameBytes * (long) Byte.SIZE : 1;
        return (double) unitsPerFrame * NANOS_PER_SECOND / rate.perSecond();
    }

    /** Sends the first frames now; stops by itself after {@code forNanos} unless that is 0. */
    void start(long forNanos) {
        start(forNanos, 0);
    }

    /**
     * Sends the first frames now; stops by itself after {@code forNanos} unless that is 0, and once it has offered
     * {@code frameCount} frames unless that is 0 (a frame due while the link is down or no buffer is free counts too:
     * the count is of frames the host tried to send).
     */
    void start(long forNanos, long frameCount) {
        running = true;
        framesLeft = frameCount > 0 ? frameCount : Long.MAX_VALUE;
        long now = scheduler.nanoTime();
        if (forNanos > 0) {
            end.armAt(now + forNanos); // armed first: at an equal deadline the end wins, so the window is [start, end)
        }
        nextEventNanos = now;
        due.armAt(now);
    }

    /** Stops sending (and runs the end action, once); frames already queued on the host's link still go out. */
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        pending = 0;
        due.cancel();
        end.cancel();
        host.removeSource(this);
        if (onEnd != null) {
            onEnd.run();
        }
    }

    private void eventDue() {
        int frames = (int) Math.min(framesPerEvent, framesLeft);
        pending += frames;
        if (framesLeft != Long.MAX_VALUE) {
            framesLeft -= frames;
        }
        nextEventNanos += nextGapNanos();
        sendPending();
        if (pending == 0) {
            armNext();
        }
    }

    /**
     * The next event, or the end once the count is offered. The end goes through its timer, not a direct stop: the
     * host may be walking its sources when the last frame leaves.
     */
    private void armNext() {
        if (framesLeft == 0) {
            end.armAt(scheduler.nanoTime());
        } else {
            due.armAt(nextEventNanos);
        }
    }

    /** The host's link has room again: finish the waiting frames, then go on from now. */
    void resume() {
        if (!running || pending == 0) {
            return;
        }
        sendPending();
        if (pending == 0) {
            nextEventNanos = Math.max(nextEventNanos, scheduler.nanoTime());
            armNext();
        }
    }

    private long nextGapNanos() {
        if (poisson) {
            return Math.round(-Math.log(1.0 - random.nextDouble()) * gapNumerator / gapDenominator);
        }
        long scaled = gapNumerator + gapRemainder;
        long gap = scaled / gapDenominator;
        gapRemainder = scaled - gap * gapDenominator;
        return gap;
    }

    private void sendPending() {
        while (pending > 0) {
            if (!host.linkUp()) {
                host.countLinkDown(pending);
                pending = 0;
                return;
            }
            if (!host.canQueue()) {
                return; // wait for the link: resume() is called when a frame has left
            }
            pending--;
            FrameBuffer frame = buffers.acquire(frameBytes);
            if (frame == null) {
                host.countNoBuffer();
                continue;
            }
            frame.setLength(write(frame.data()));
            host.enqueue(frame);
        }
    }

    private int write(byte[] data) {
        int flow = nextFlow;
        nextFlow = flow + 1 == sequences.length ? 0 : flow + 1;
        long sequence = sequences[flow]++;
        if (shape != Shape.SYN) {
            return FrameWriter.udpFrame(data, frameBytes, destinationMac, host.mac(), host.ip(), destinationIp,
                    FIRST_SOURCE_PORT + flow, DESTINATION_PORT, flowIdBase + flow, sequence);
        }
        int offset = FrameWriter.ethernet(data, destinationMac, host.mac(), FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(data, offset, host.ip(), destinationIp, FrameHeaders.PROTOCOL_TCP,
                FrameWriter.IPV4_HEADER_BYTES + FrameWriter.TCP_HEADER_BYTES);
        int sourcePort = EPHEMERAL_PORT_BASE + (int) (sequence % SYN_SOURCE_PORTS);
        offset = FrameWriter.tcp(data, offset, sourcePort, SYN_DESTINATION_PORT, random.nextInt(), 0,
                FrameHeaders.TCP_SYN, 65_535);
        java.util.Arrays.fill(data, offset, FrameWriter.MIN_FRAME_BYTES, (byte) 0);
        return FrameWriter.MIN_FRAME_BYTES;
    }
}
