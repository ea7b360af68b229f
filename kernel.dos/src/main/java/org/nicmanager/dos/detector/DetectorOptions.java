package org.nicmanager.dos.detector;

import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;

/**
 * What {@code dos:detector KIND} was given; null for an option left out. Each detector takes the options that apply to
 * it and refuses the others by name.
 *
 * @param threshold a rate: frames per second ({@code 200kpps}) or bits per second ({@code 800Mbps})
 * @param multiple how many times the learned baseline is an anomaly (rate detector)
 * @param floor a rate below which no baseline anomaly is reported (rate detector)
 * @param window the sliding window rates are measured over
 * @param learning how long a baseline is learned before it is used, and its time constant (rate detector)
 * @param ports comma-separated destination ports (signature detector)
 * @param patterns comma-separated byte patterns in hex (signature detector)
 */
public record DetectorOptions(String threshold, String multiple, String floor, String window, String learning,
        String ports, String patterns) {

    /** Refuses an option the detector of {@code kind} does not take. */
    static void notFor(String kind, String option, String value) {
        if (value != null) {
            throw new IllegalArgumentException(option + " " + value + " does not apply to the " + kind
                    + " detector; see help dos:detector");
        }
    }

    /** A threshold rate above 0, per second, of the unit asked for. */
    static long positiveRate(String option, String text, Rate.Unit unit) {
        Rate rate = Rate.parse(text);
        if (rate.unit() != unit) {
            String wanted = unit == Rate.Unit.FRAMES_PER_SECOND ? "frames per second (e.g. 2kpps)"
                    : "bits per second (e.g. 50Mbps)";
            throw new IllegalArgumentException("bad " + option + " '" + text + "': here it is in " + wanted);
        }
        return positive(option, text, rate.perSecond());
    }

    /** A duration above 0, in whole milliseconds. */
    static long positiveMillis(String option, String text) {
        long nanos = TimeSpan.parse(text).nanos();
        if (nanos < TimeSpan.NANOS_PER_MILLI) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': at least 1ms");
        }
        return nanos / TimeSpan.NANOS_PER_MILLI;
    }

    static long positive(String option, String text, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': must be above 0");
        }
        return value;
    }
}
