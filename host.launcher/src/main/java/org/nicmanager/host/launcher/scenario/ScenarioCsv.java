package org.nicmanager.host.launcher.scenario;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The scenario's time series as CSV, one row per series and sampling interval: kernel time at the interval's end, the
 * series (kind {@code vm} or {@code nic}, name), what was counted in the interval and the throughput. An empty cell is
 * a value the host does not publish (a VM's bytes; its throughput without {@code net:stats}). The intervals of a
 * series add up to its counters at the end of the run. The events go to a second file.
 */
public final class ScenarioCsv {

    static final String HEADER = "timeNanos,timeSeconds,kind,name,txFrames,txBytes,rxFrames,rxBytes,txBps,rxBps,txFps";
    static final String EVENTS_HEADER = "timeNanos,timeSeconds,topic,subject";

    private ScenarioCsv() {
    }

    public static void write(Path file, List<Interval> intervals) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (Interval row : intervals) {
                out.write(row.time() + "," + seconds(row.time()) + "," + row.kind() + "," + row.name() + ","
                        + row.txFrames() + "," + count(row.txBytes()) + "," + row.rxFrames() + ","
                        + count(row.rxBytes()) + "," + rate(row.txBps()) + "," + rate(row.rxBps()) + ","
                        + rate(row.txFps()) + "\n");
            }
        }
    }

    public static void writeEvents(Path file, List<Marker> markers) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(EVENTS_HEADER + "\n");
            for (Marker marker : markers) {
                out.write(marker.time() + "," + seconds(marker.time()) + "," + marker.topic() + ","
                        + marker.subject() + "\n");
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String count(long value) {
        return value < 0 ? "" : Long.toString(value);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
