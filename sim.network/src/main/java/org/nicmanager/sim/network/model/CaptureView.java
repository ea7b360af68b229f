package org.nicmanager.sim.network.model;

/**
 * A capture as {@code capture} shows it.
 *
 * @param state RUNNING, WRITING (ended, the file still being written) or ENDED (the file complete)
 * @param startedNanos kernel time it began
 * @param frames frames written to the file
 * @param droppedFrames frames that crossed the port while the file's writer was behind, so left out of the file
 * @param failure why writing the file failed; null when it did not
 */
public record CaptureView(String port, String file, String state, long startedNanos, long frames, long bytes,
        long droppedFrames, String failure) {
}
