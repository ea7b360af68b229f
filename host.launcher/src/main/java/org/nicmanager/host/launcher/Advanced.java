package org.nicmanager.host.launcher;

/**
 * What a stepped {@code kernel:advance} did: the same fields as the command's own result, so that it prints the same
 * (public, for the shell's formatter to read).
 */
public record Advanced(long fromNanos, long nowNanos, String now, long timersFired) {
}
