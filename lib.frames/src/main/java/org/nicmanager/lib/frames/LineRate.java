package org.nicmanager.lib.frames;

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
