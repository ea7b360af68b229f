package org.nicmanager.drivers.linux;

/**
 * Holds a NIC's transmissions to the line rate the operator declared for it ({@code linux:add ... --speed RATE}), as a
 * card holds them to its own line rate. It is for an interface faster than the link it stands for (a veth, a virtual
 * function, a tunnel): the resource manager divides the NIC's speed among the VMs (shares, reservations, limits), and
 * that division holds only if the NIC carries no more than that speed. Without a pacer the CPU would be the
 * bottleneck, and the VMs would share it by who sends fastest instead.
 *
 * <p>A theoretical transmit time (the generic cell rate algorithm) with a tolerance of {@value #TOLERANCE_NANOS} ns:
 * the world's real-clock timers wake it tens of microseconds late, longer than a frame takes at such rates, and a card
 * that could not catch up after a late wake-up would fall below its rate. Frames count with their preamble, gap and
 * FCS, as on the wire. World thread only; no allocation.
 */
final class LinePacer {

    static final long TOLERANCE_NANOS = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int FCS_BYTES = 4;
    private static final int MIN_FRAME_WITH_FCS_BYTES = 64;
    private static final int PREAMBLE_AND_GAP_BYTES = 20;

    private final long rateBps;
    private long theoreticalNanos = Long.MIN_VALUE / 2;
    /** The carried fraction of a nanosecond, in units of 1/rateBps ns, so that a long run meets the rate exactly. */
    private long remainder;

    /** @param rateBps the line rate, more than 0 */
    LinePacer(long rateBps) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("a line rate must be more than 0 bps; got " + rateBps);
        }
        this.rateBps = rateBps;
    }

    long rateBps() {
        return rateBps;
    }

    /** True when a frame may leave at {@code nowNanos}. */
    boolean mayTransmit(long nowNanos) {
        return nowNanos >= nextTransmitNanos();
    }

    /** The earliest kernel time at which a frame may leave. */
    long nextTransmitNanos() {
        return theoreticalNanos - TOLERANCE_NANOS;
    }

    /** A frame of {@code lengthBytes} (without FCS) left at {@code nowNanos}. */
    void transmitted(int lengthBytes, long nowNanos) {
        long wireBits = (long) (Math.max(lengthBytes + FCS_BYTES, MIN_FRAME_WITH_FCS_BYTES) + PREAMBLE_AND_GAP_BYTES)
                * Byte.SIZE;
        long scaled = wireBits * NANOS_PER_SECOND + remainder;
        long nanos = scaled / rateBps;
        remainder = scaled - nanos * rateBps;
        theoreticalNanos = Math.max(theoreticalNanos, nowNanos) + nanos;
    }
}
