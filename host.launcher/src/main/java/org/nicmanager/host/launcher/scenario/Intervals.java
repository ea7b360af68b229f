package org.nicmanager.host.launcher.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns cumulative samples into per-interval differences, series by series. A series' first interval counts from zero,
 * so that the intervals of a series add up to its last counters.
 */
public final class Intervals {

    private static final double NANOS_PER_SECOND = 1e9;

    private Intervals() {
    }

    /** @param start the kernel time the recording began: a series' first interval starts there */
    public static List<Interval> of(long start, List<Sample> samples) {
        Map<String, Sample> previous = new HashMap<>();
        List<Interval> intervals = new ArrayList<>();
        for (Sample sample : samples) {
            Sample before = previous.put(sample.kind() + "/" + sample.name(), sample);
            long fromTime = before == null ? start : before.time();
            double seconds = (sample.time() - fromTime) / NANOS_PER_SECOND;
            long txFrames = delta(sample.txFrames(), before == null ? 0 : before.txFrames());
            long rxFrames = delta(sample.rxFrames(), before == null ? 0 : before.rxFrames());
            long txBytes = sample.txBytes() < 0 ? -1 : delta(sample.txBytes(), before == null ? 0 : before.txBytes());
            long rxBytes = sample.rxBytes() < 0 ? -1 : delta(sample.rxBytes(), before == null ? 0 : before.rxBytes());
            double txBps = !Double.isNaN(sample.throughputBps()) ? sample.throughputBps()
                    : txBytes < 0 || seconds <= 0 ? Double.NaN : txBytes * 8.0 / seconds;
            double rxBps = rxBytes < 0 || seconds <= 0 ? Double.NaN : rxBytes * 8.0 / seconds;
            double txFps = seconds <= 0 ? Double.NaN : txFrames / seconds;
            intervals.add(new Interval(sample.time(), sample.kind(), sample.name(), txFrames, txBytes, rxFrames,
                    rxBytes, txBps, rxBps, txFps));
        }
        return intervals;
    }

    /** A counter's growth; a counter that went back (its device was made anew) counts from zero again. */
    private static long delta(long now, long before) {
        return now >= before ? now - before : now;
    }
}
