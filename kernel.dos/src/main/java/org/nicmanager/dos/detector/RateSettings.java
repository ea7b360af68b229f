package org.nicmanager.dos.detector;

/**
 * The rate anomaly detector's settings. Every value must be above 0, and the multiple above 1.
 *
 * @param thresholdFramesPerSecond received frames per second that are an attack whatever the baseline
 * @param thresholdBitsPerSecond received bits per second (frame bytes) that are an attack whatever the baseline
 * @param baselineMultiple how many times the learned baseline is an anomaly
 * @param baselineFloorFramesPerSecond below this, no frame rate is an anomaly (a quiet VM starting to work is not)
 * @param baselineFloorBitsPerSecond below this, no bit rate is an anomaly
 * @param learningMs how long a target's traffic is learned before its baseline is used; also the baseline's time
 *        constant
 * @param windowMs the sliding window rates are measured over
 */
public record RateSettings(long thresholdFramesPerSecond, long thresholdBitsPerSecond, double baselineMultiple,
        long baselineFloorFramesPerSecond, long baselineFloorBitsPerSecond, long learningMs, long windowMs) {

    public static final long DEFAULT_THRESHOLD_FRAMES_PER_SECOND = 500_000;
    public static final long DEFAULT_THRESHOLD_BITS_PER_SECOND = 800_000_000;
    public static final double DEFAULT_BASELINE_MULTIPLE = 4.0;
    public static final long DEFAULT_BASELINE_FLOOR_FRAMES_PER_SECOND = 10_000;
    public static final long DEFAULT_BASELINE_FLOOR_BITS_PER_SECOND = 20_000_000;
    public static final long DEFAULT_LEARNING_MS = 1_000;
    /** With assessments every 10 ms, an abrupt flood is seen within this window plus one period. */
    public static final long DEFAULT_WINDOW_MS = 50;

    public static final RateSettings DEFAULTS = new RateSettings(DEFAULT_THRESHOLD_FRAMES_PER_SECOND,
            DEFAULT_THRESHOLD_BITS_PER_SECOND, DEFAULT_BASELINE_MULTIPLE, DEFAULT_BASELINE_FLOOR_FRAMES_PER_SECOND,
            DEFAULT_BASELINE_FLOOR_BITS_PER_SECOND, DEFAULT_LEARNING_MS, DEFAULT_WINDOW_MS);

    public RateSettings {
        above0("thresholdFramesPerSecond", thresholdFramesPerSecond);
        above0("thresholdBitsPerSecond", thresholdBitsPerSecond);
        if (!(baselineMultiple > 1)) {
            throw new IllegalArgumentException("bad baselineMultiple " + baselineMultiple + ": above 1, e.g. 4");
        }
        above0("baselineFloorFramesPerSecond", baselineFloorFramesPerSecond);
        above0("baselineFloorBitsPerSecond", baselineFloorBitsPerSecond);
        above0("learningMs", learningMs);
        above0("windowMs", windowMs);
    }

    static void above0(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("bad " + name + " " + value + ": must be above 0");
        }
    }
}
