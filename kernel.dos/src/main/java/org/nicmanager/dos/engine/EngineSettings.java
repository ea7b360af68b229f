package org.nicmanager.dos.engine;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * How the DoS defence runs.
 *
 * @param evaluationPeriodMs how often detectors assess their targets (kernel time); 1 to {@value
 *        #MAX_EVALUATION_PERIOD_MS}
 * @param endAfterQuietMs how long a detector must see no attack before the attack is recorded as ended; 0 to {@value
 *        #MAX_END_AFTER_QUIET_MS}
 * @param historyDetections how many detections {@code dos:status} keeps, oldest dropped first; 1 to {@value
 *        #MAX_HISTORY_DETECTIONS}
 * @param suspendBelowPriority the {@code suspend} response ([0126]) suspends only VMs of a priority below this one
 *        (and below the victim's); 0 to 10, where 0 suspends none. The default, {@link Priority#DEFAULT}, spares every
 *        VM that was not marked as of low priority
 */
public record EngineSettings(long evaluationPeriodMs, long endAfterQuietMs, int historyDetections,
        int suspendBelowPriority) {

    public static final long DEFAULT_EVALUATION_PERIOD_MS = 10;
    public static final long DEFAULT_END_AFTER_QUIET_MS = 100;
    public static final int DEFAULT_HISTORY_DETECTIONS = 1_000;
    /** A minute: assessed less often, a flood would go on unanswered for longer than any policy could want. */
    public static final long MAX_EVALUATION_PERIOD_MS = 60_000;
    /** A day. */
    public static final long MAX_END_AFTER_QUIET_MS = 86_400_000;
    /** Some hundred bytes a detection: at most some tens of MB. */
    public static final int MAX_HISTORY_DETECTIONS = 100_000;
    public static final int DEFAULT_SUSPEND_BELOW_PRIORITY = Priority.DEFAULT;
    public static final EngineSettings DEFAULTS = new EngineSettings(DEFAULT_EVALUATION_PERIOD_MS,
            DEFAULT_END_AFTER_QUIET_MS, DEFAULT_HISTORY_DETECTIONS, DEFAULT_SUSPEND_BELOW_PRIORITY);

    public EngineSettings {
        if (evaluationPeriodMs < 1 || evaluationPeriodMs > MAX_EVALUATION_PERIOD_MS) {
            throw new IllegalArgumentException("bad evaluationPeriodMs " + evaluationPeriodMs + ": 1 to "
                    + MAX_EVALUATION_PERIOD_MS);
        }
        if (endAfterQuietMs < 0 || endAfterQuietMs > MAX_END_AFTER_QUIET_MS) {
            throw new IllegalArgumentException("bad endAfterQuietMs " + endAfterQuietMs + ": 0 to "
                    + MAX_END_AFTER_QUIET_MS);
        }
        if (historyDetections < 1 || historyDetections > MAX_HISTORY_DETECTIONS) {
            throw new IllegalArgumentException("bad historyDetections " + historyDetections + ": 1 to "
                    + MAX_HISTORY_DETECTIONS);
        }
        if (suspendBelowPriority < Priority.LOWEST || suspendBelowPriority > Priority.HIGHEST) {
            throw new IllegalArgumentException("bad suspendBelowPriority " + suspendBelowPriority + ": "
                    + Priority.LOWEST + " to " + Priority.HIGHEST);
        }
    }
}
