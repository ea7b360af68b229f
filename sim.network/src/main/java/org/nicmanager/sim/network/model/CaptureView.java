package org.nicmanager.sim.network.model;

/**
 * A capture as {@code capture} shows it.
 *
 * @param state RUNNING or ENDED
 * @param startedNanos kernel time it began
 * @param failure why writing the file failed, or empty
 */
public record CaptureView(String port, String file, String state, long startedNanos, long frames, long bytes,
        String failure) {
}
