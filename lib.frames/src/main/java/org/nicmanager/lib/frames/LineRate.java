package org.nicmanager.lib.frames;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

/**
 * How long a frame takes to serialise at a line rate. Ethernet puts more on the wire than the frame the kernel holds:
 * the 4-byte FCS, padding up to the 64-byte minimum, and 20 bytes of preamble, start delimiter and inter-frame gap.
 *
 * <p>Each frame's time is rounded down to whole nanoseconds and the remainder is carried into the next, so a
 * saturated link sends exactly {@code speedBps / wireBits} frames a second however long it runs.
 *
 * <p>The simulated cables and cards serialise frames with it, and a real NIC held to a declared line rate paces
 * with it. This runs twice per frame per hop. For the usual line rates a bit lasts a whole number of picoseconds, and then
 * the division is by the constant 1,000, which the JIT turns into a multiplication; other rates divide by the rate.
 */
public final class LineRate {

    public static final int FCS_BYTES = 4;
    public static final int MIN_FRAME_WITH_FCS_BYTES = 64;
    public static final int PREAMBLE_AND_GAP_BYTES = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long PICOS_PER_SECOND = 1_000_000_000_000L;
    private static final long PICOS_PER_NANO = 1_000L;

    private final long speedBps;
    /** Picoseconds per bit when whole, else 0. */
    private final long picosPerBit;
    /** Carried fraction of a nanosecond: in picoseconds when {@link #picosPerBit} is set, else in 1/speedBps ns. */
    private long remainder;

    public LineRate(long speedBps) {
        if (speedBps <= 0) {
            throw new IllegalArgumentException("line rate " + speedBps + " bps must be positive");
        }
        this.speedBps = speedBps;
        this.picosPerBit = PICOS_PER_SECOND % speedBps == 0 ? PICOS_PER_SECOND / speedBps : 0;
    }

    /**
     * The length {@link #wireBytes} should count for {@code frame}: its own, or for a super-frame ({@link FrameOffload})
     * that of all the segments the sending device cuts from it. Each segment repeats the headers and has an FCS,
     * preamble and gap of its own, so {@code wireBytes(carriedLength(frame))} is what its segments occupy together, and
     * shares, limits and line rates charge a guest with offloads as one without. Frame path: no allocation.
     */
    public static int carriedLength(FrameBuffer frame) {
        FrameOffload offload = frame.offload();
        int length = frame.length();
        if (!offload.superFrame() || offload.headerBytes() <= 0 || offload.headerBytes() >= length) {
            return length;
        }
        int payload = length - offload.headerBytes();
        int segments = (payload + offload.segmentBytes() - 1) / offload.segmentBytes();
        return length + (segments - 1) * (offload.headerBytes() + FCS_BYTES + PREAMBLE_AND_GAP_BYTES);
    }

    /** Bytes a frame of {@code lengthBytes} (no FCS) occupies on the wire, gap included. */
    public static long wireBytes(int lengthBytes) {
        return Math.max(lengthBytes + FCS_BYTES, MIN_FRAME_WITH_FCS_BYTES) + PREAMBLE_AND_GAP_BYTES;
    }

    /** The shortest serialisation at {@code speedBps}, rounded down: a bound on how closely frames can follow. */
    public static long minimumFrameNanos(long speedBps) {
        return wireBytes(0) * Byte.SIZE * NANOS_PER_SECOND / speedBps;
    }

    public long speedBps() {
        return speedBps;
    }

    /** Serialisation time of the next frame, carrying the rounding remainder forward. */
    public long nanosFor(int lengthBytes) {
        if (picosPerBit != 0) {
            long picos = wireBytes(lengthBytes) * Byte.SIZE * picosPerBit + remainder;
            long nanos = picos / PICOS_PER_NANO;
            remainder = picos - nanos * PICOS_PER_NANO;
            return nanos;
        }
        long scaled = wireBytes(lengthBytes) * Byte.SIZE * NANOS_PER_SECOND + remainder;
        long nanos = scaled / speedBps;
        remainder = scaled - nanos * speedBps;
        return nanos;
    }
}
