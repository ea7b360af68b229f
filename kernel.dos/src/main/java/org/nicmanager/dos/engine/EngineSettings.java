package org.nicmanager.dos.engine;

/**
 * How the DoS defence runs.
 *
 * @param evaluationPeriodMs how often detectors assess their targets (kernel time); above 0
 * @param endAfterQuietMs how long a detector must see no attack before the attack is recorded as ended; 0 or more
 * @param historyDetections how many detections {@code dos:status} keeps, oldest dropped first; above 0
 */
public record EngineSettings(long evaluationPeriodMs, long endAfterQuietMs, int historyDetections) {

    public static final long DEFAULT_EVALUATION_PERIOD_MS = 10;
    public static final long DEFAULT_END_AFTER_QUIET_MS = 100;
    public static final int DEFAULT_HISTORY_DETECTIONS = 1_000;
    public static final EngineSettings DEFAULTS = new EngineSettings(DEFAULT_EVALUATION_PERIOD_MS,
            DEFAULT_END_AFTER_QUIET_MS, DEFAULT_HISTORY_DETECTIONS);

    public EngineSettings {
        if (evaluationPeriodMs <= 0) {
            throw new IllegalArgumentException("bad evaluationPeriodMs " + evaluationPeriodMs + ": above 0");
        }
        if (endAfterQuietMs < 0) {
            throw new IllegalArgumentException("bad endAfterQuietMs " + endAfterQuietMs + ": 0 or more");
        }
        if (historyDetections <= 0) {
            throw new IllegalArgumentException("bad historyDetections " + historyDetections + ": above 0");
        }
    }
}
