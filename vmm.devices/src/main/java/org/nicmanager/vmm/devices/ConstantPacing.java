package org.nicmanager.vmm.devices;

/**
 * Equal gaps: {@code bits} every frame at {@code rateBps}. The gap is a fraction of nanoseconds in general, so the
 * remainder is carried from gap to gap and any window of frames takes exactly its share of time (no drift, however
 * long the run).
 */
final class ConstantPacing implements Pacing {

    private final long numerator;
    private final long denominator;
    private long remainder;

    /** @param bitsPerGap bits sent per gap; @param rateBps bits per second, above 0 */
    ConstantPacing(long bitsPerGap, long rateBps) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("a constant pace needs a rate above 0 bps, not " + rateBps);
        }
        this.numerator = Math.multiplyExact(bitsPerGap, NANOS_PER_SECOND);
        this.denominator = rateBps;
    }

    @Override
    public long nextGapNanos() {
        long scaled = numerator + remainder;
        long gap = scaled / denominator;
        remainder = scaled - gap * denominator;
        return gap;
    }
}
