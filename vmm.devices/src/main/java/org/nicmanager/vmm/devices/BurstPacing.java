package org.nicmanager.vmm.devices;

/**
 * On/off traffic: bursts of {@code burstFrames} frames back to back at the virtual NIC's line rate, then idle until
 * the next burst is due. Bursts start at exact constant-rate intervals of {@code burstFrames} frames at the average
 * rate, so the average holds over any whole number of bursts however the line-rate gaps round.
 */
final class BurstPacing implements Pacing {

    private final int burstFrames;
    private final ConstantPacing lineGaps;
    private final ConstantPacing burstStarts;
    private int sentInBurst;
    private long elapsedInBurst;

    /**
     * @param frameBits bits of one frame
     * @param rateBps the average rate, above 0 and at most {@code lineRateBps}
     * @param burstFrames frames per burst, at least 1
     */
    BurstPacing(long frameBits, long rateBps, long lineRateBps, int burstFrames) {
        if (burstFrames < 1) {
            throw new IllegalArgumentException("a burst has at least 1 frame, not " + burstFrames);
        }
        if (rateBps <= 0 || rateBps > lineRateBps) {
            throw new IllegalArgumentException("bursts average " + rateBps + " bps: allowed above 0 and at most the"
                    + " virtual NIC's line rate, " + lineRateBps + " bps");
        }
        this.burstFrames = burstFrames;
        this.lineGaps = new ConstantPacing(frameBits, lineRateBps);
        this.burstStarts = new ConstantPacing(Math.multiplyExact(frameBits, burstFrames), rateBps);
    }

    @Override
    public long nextGapNanos() {
        sentInBurst++;
        if (sentInBurst < burstFrames) {
            long gap = lineGaps.nextGapNanos();
            elapsedInBurst += gap;
            return gap;
        }
        // The burst's last frame: idle for the rest of its period. Rounding can only push this below 0 when the
        // average equals the line rate and a gap is under 2 ns; then the next burst simply starts at once.
        long idle = Math.max(0, burstStarts.nextGapNanos() - elapsedInBurst);
        sentInBurst = 0;
        elapsedInBurst = 0;
        return idle;
    }
}
