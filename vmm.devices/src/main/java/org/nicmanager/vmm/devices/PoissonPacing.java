package org.nicmanager.vmm.devices;

import java.util.SplittableRandom;

/**
 * Poisson arrivals: exponentially distributed gaps with the mean of the given rate, drawn from the workload's own
 * seeded random stream, so the same seed gives the same gaps on every run. The fraction of a nanosecond each draw
 * leaves is carried to the next, so rounding does not bias the mean rate.
 */
final class PoissonPacing implements Pacing {

    private final double meanGapNanos;
    private final SplittableRandom random;
    private double carriedNanos;

    /** @param frameBits bits of one frame; @param rateBps the mean rate, above 0 */
    PoissonPacing(long frameBits, long rateBps, SplittableRandom random) {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("Poisson traffic needs a mean rate above 0 bps, not " + rateBps);
        }
        this.meanGapNanos = (double) frameBits * NANOS_PER_SECOND / rateBps;
        this.random = random;
    }

    @Override
    public long nextGapNanos() {
        carriedNanos += -Math.log(1.0 - random.nextDouble()) * meanGapNanos; // 1 - [0, 1) is never 0
        long gap = (long) carriedNanos;
        carriedNanos -= gap;
        return gap;
    }
}
