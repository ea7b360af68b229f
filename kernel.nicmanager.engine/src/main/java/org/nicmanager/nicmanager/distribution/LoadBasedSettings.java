package org.nicmanager.nicmanager.distribution;

/**
 * The two thresholds of the {@code load-based} policy, vSphere's "route based on physical NIC load": a VM's port
 * moves off a member only when that member has sent at least {@code thresholdPercent} % of its line rate in every
 * second of the last {@code windowSeconds} seconds.
 *
 * @param thresholdPercent how busy a member must be (transmit utilisation of its line rate), 1 to 99 %
 * @param windowSeconds for how long, in whole seconds (the policy measures once a second), 1 s to 1 h
 */
public record LoadBasedSettings(int thresholdPercent, int windowSeconds) {

    /** vSphere's: 75 % ... */
    public static final int DEFAULT_THRESHOLD_PERCENT = 75;
    /** ... over 30 s. */
    public static final int DEFAULT_WINDOW_SECONDS = 30;
    public static final int MIN_THRESHOLD_PERCENT = 1;
    public static final int MAX_THRESHOLD_PERCENT = 99;
    public static final int MIN_WINDOW_SECONDS = 1;
    public static final int MAX_WINDOW_SECONDS = 3600;

    /** @throws IllegalArgumentException naming the bad value and the allowed range */
    public LoadBasedSettings {
        if (thresholdPercent < MIN_THRESHOLD_PERCENT || thresholdPercent > MAX_THRESHOLD_PERCENT) {
            throw new IllegalArgumentException("bad load-based threshold " + thresholdPercent + " %: a whole"
                    + " percentage from " + MIN_THRESHOLD_PERCENT + " to " + MAX_THRESHOLD_PERCENT);
        }
        if (windowSeconds < MIN_WINDOW_SECONDS || windowSeconds > MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException("bad load-based window " + windowSeconds + " s: a whole number of"
                    + " seconds from " + MIN_WINDOW_SECONDS + " s to " + MAX_WINDOW_SECONDS + " s (1h)");
        }
    }

    public static LoadBasedSettings defaults() {
        return new LoadBasedSettings(DEFAULT_THRESHOLD_PERCENT, DEFAULT_WINDOW_SECONDS);
    }
}
