package org.nicmanager.host.launcher.scenario;

/**
 * One series over one sampling interval ending at {@code time}: what was counted in it (frames and bytes each way; -1
 * bytes when unknown) and the throughput (bits per second; NaN when unknown).
 */
public record Interval(long time, String kind, String name, long txFrames, long txBytes, long rxFrames, long rxBytes,
        double txBps, double rxBps, double txFps) {
}
