package org.nicmanager.drivers.linux;

import org.nicmanager.lib.frames.LineRate;

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
 * FCS, as on the wire ({@link LineRate}, which carries the nanosecond remainders so that a long run meets the rate
 * exactly). World thread only; no allocation.
 */
final class LinePacer {

    static final long TOLERANCE_NANOS = 1_000_000L;

    /** Each frame's time on the wire at the declared rate, as the simulated cards count it. */
    private final LineRate lineRate;
    private long theoreticalNanos = Long.MIN_VALUE / 2;

    /** @param rateBps the line rate, more than 0 */
    LinePacer(long rateBps) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("a line rate must be more than 0 bps; got " + rateBps);
        }
        this.lineRate = new LineRate(rateBps);
    }

    long rateBps() {
        return lineRate.speedBps();
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
        theoreticalNanos = Math.max(theoreticalNanos, nowNanos) + lineRate.nanosFor(lengthBytes);
    }
}
