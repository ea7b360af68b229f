package org.nicmanager.dos.detector;

import org.nicmanager.lib.config.ConfigurationCheck;

/**
 * The rate anomaly detector's settings. Every value is within both its bounds: rates from 1 to {@value
 * #MAX_FRAMES_PER_SECOND} frames or {@value #MAX_BITS_PER_SECOND} bits per second, times from 1 ms to {@value
 * #MAX_LEARNING_MS} ms (learning) or {@value #MAX_WINDOW_MS} ms (windows), the multiple above 1 and at most {@value
 * #MAX_BASELINE_MULTIPLE}.
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

    /** A thousand times a 100 Gb/s link's minimum-size frame rate: no real threshold is beyond it. */
    public static final long MAX_FRAMES_PER_SECOND = 100_000_000_000L;
    /** Ten 1 Tb/s links. */
    public static final long MAX_BITS_PER_SECOND = 10_000_000_000_000L;
    public static final double MAX_BASELINE_MULTIPLE = 1_000;
    /** A day. */
    public static final long MAX_LEARNING_MS = 86_400_000L;
    /** An hour: a window is kept as a fixed number of samples, so its length costs nothing, but kernel time in ns must
     * not overflow. */
    public static final long MAX_WINDOW_MS = 3_600_000L;

    public static final RateSettings DEFAULTS = new RateSettings(DEFAULT_THRESHOLD_FRAMES_PER_SECOND,
            DEFAULT_THRESHOLD_BITS_PER_SECOND, DEFAULT_BASELINE_MULTIPLE, DEFAULT_BASELINE_FLOOR_FRAMES_PER_SECOND,
            DEFAULT_BASELINE_FLOOR_BITS_PER_SECOND, DEFAULT_LEARNING_MS, DEFAULT_WINDOW_MS);

    public RateSettings {
        within("thresholdFramesPerSecond", thresholdFramesPerSecond, MAX_FRAMES_PER_SECOND);
        within("thresholdBitsPerSecond", thresholdBitsPerSecond, MAX_BITS_PER_SECOND);
        if (!(baselineMultiple > 1 && baselineMultiple <= MAX_BASELINE_MULTIPLE)) {
            throw new IllegalArgumentException("bad baselineMultiple " + baselineMultiple + ": above 1 and at most "
                    + MAX_BASELINE_MULTIPLE + ", e.g. 4");
        }
        within("baselineFloorFramesPerSecond", baselineFloorFramesPerSecond, MAX_FRAMES_PER_SECOND);
        within("baselineFloorBitsPerSecond", baselineFloorBitsPerSecond, MAX_BITS_PER_SECOND);
        within("learningMs", learningMs, MAX_LEARNING_MS);
        within("windowMs", windowMs, MAX_WINDOW_MS);
    }

    /** Read from a configuration, each value checked against both its bounds. */
    static RateSettings read(ConfigurationCheck check, RateAnomalyDetector.Config config) {
        return new RateSettings(
                check.longWithin("thresholdFramesPerSecond", config::thresholdFramesPerSecond, 1,
                        MAX_FRAMES_PER_SECOND),
                check.longWithin("thresholdBitsPerSecond", config::thresholdBitsPerSecond, 1, MAX_BITS_PER_SECOND),
                check.doubleAbove("baselineMultiple", config::baselineMultiple, 1, MAX_BASELINE_MULTIPLE),
                check.longWithin("baselineFloorFramesPerSecond", config::baselineFloorFramesPerSecond, 1,
                        MAX_FRAMES_PER_SECOND),
                check.longWithin("baselineFloorBitsPerSecond", config::baselineFloorBitsPerSecond, 1,
                        MAX_BITS_PER_SECOND),
                check.longWithin("learningMs", config::learningMs, 1, MAX_LEARNING_MS),
                check.longWithin("windowMs", config::windowMs, 1, MAX_WINDOW_MS));
    }

    /** A value from 1 to {@code maximum}. */
    static void within(String name, long value, long maximum) {
        if (value < 1 || value > maximum) {
            throw new IllegalArgumentException("bad " + name + " " + value + ": from 1 to " + maximum);
        }
    }
}
