package org.nicmanager.kernel.api.time;

/** Which clock drives the kernel. */
public enum ClockMode {
    /** Kernel time follows the machine's monotonic clock; timers fire as real time passes. */
    REAL,
    /** Kernel time moves only when advanced; timers fire in deadline order, deterministically. */
    VIRTUAL
}
