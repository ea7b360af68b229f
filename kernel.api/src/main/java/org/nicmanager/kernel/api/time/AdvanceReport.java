package org.nicmanager.kernel.api.time;

/** What one advance of the virtual clock did. Times are kernel nanoseconds. */
public record AdvanceReport(long fromNanos, long toNanos, long timersFired) {
}
