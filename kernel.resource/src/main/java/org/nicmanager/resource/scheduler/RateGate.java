package org.nicmanager.resource.scheduler;

/**
 * A token bucket kept as a theoretical arrival time (the generic cell rate algorithm): a rate in bits per second and a
 * tolerance, the bucket depth expressed in nanoseconds at that rate. A frame conforms at {@code t} when sending it
 * leaves the theoretical arrival time at most one tolerance ahead of {@code t}, so any span of time carries at most
 * {@code rate x span + depth} bits. The shaping average (depth = burst), the peak (depth = one maximum frame) and the
 * limit each are one gate. Nanosecond remainders are carried, so a long run meets the rate exactly. No allocation.
 */
final class RateGate {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Bits per second; 0 when the gate is open (not configured). */
    private long rateBps;
    private long toleranceNanos;
    private long theoreticalArrivalNanos;
    /** The carried fraction of a nanosecond, in units of 1/rateBps ns. */
    private long remainder;

    /**
     * Sets the gate at {@code nowNanos}; a rate of 0 opens it. Control path. The bits the bucket is drained by carry
     * over at the new rate, so that putting an allocation in force again (or connecting the VM again) grants no fresh
     * burst; a gate that was open starts with a full bucket.
     */
    void configure(long rateBps, long depthBits, long nowNanos) {
        double drainedBits = this.rateBps == 0 ? 0
                : Math.max(0, theoreticalArrivalNanos - nowNanos) * (double) this.rateBps / NANOS_PER_SECOND;
        this.rateBps = rateBps;
        this.toleranceNanos = rateBps == 0 ? 0 : depthBits * NANOS_PER_SECOND / rateBps;
        this.theoreticalArrivalNanos = rateBps == 0 ? nowNanos
                : nowNanos + (long) Math.ceil(drainedBits * NANOS_PER_SECOND / rateBps);
        this.remainder = 0;
    }

    boolean open() {
        return rateBps == 0;
    }

    long rateBps() {
        return rateBps;
    }

    /** The earliest kernel time at which a frame of {@code costBits} conforms; at or before now when it does now. */
    long conformsAt(long costBits) {
        if (rateBps == 0) {
            return Long.MIN_VALUE;
        }
        return theoreticalArrivalNanos + (costBits * NANOS_PER_SECOND + remainder) / rateBps - toleranceNanos;
    }

    /** Counts a frame of {@code costBits} sent at {@code nowNanos}. */
    void charge(long costBits, long nowNanos) {
        if (rateBps == 0) {
            return;
        }
        long scaled = costBits * NANOS_PER_SECOND + remainder;
        long nanos = scaled / rateBps;
        remainder = scaled - nanos * rateBps;
        theoreticalArrivalNanos = Math.max(theoreticalArrivalNanos, nowNanos) + nanos;
    }
}
