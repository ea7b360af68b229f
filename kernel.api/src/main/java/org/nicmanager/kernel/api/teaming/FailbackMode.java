package org.nicmanager.kernel.api.teaming;

/** What a bond does when a failed member recovers (patent [0104]). */
public enum FailbackMode {
    /** Take the member back at once. */
    IMMEDIATE,
    /** Take it back after it has stayed healthy for a hold-down time (hysteresis). */
    DELAYED,
    /** Only when the operator says so. */
    MANUAL
}
