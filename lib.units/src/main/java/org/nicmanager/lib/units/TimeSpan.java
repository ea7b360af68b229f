package org.nicmanager.lib.units;

import java.util.Map;

/** A non-negative span of kernel time in nanoseconds: {@code 250ns}, {@code 500us}, {@code 10ms}, {@code 1s}, {@code 2m}, {@code 1h}. */
public record TimeSpan(long nanos) {

    public static final long NANOS_PER_MICRO = 1_000L;
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final String ALLOWED = "a number and a unit ns, us, ms, s, m or h (e.g. 500us, 10ms, 1.5s, 2m)";
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", NANOS_PER_MICRO, "ms", NANOS_PER_MILLI, "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND, "h", 3600 * NANOS_PER_SECOND);

    public TimeSpan {
        if (nanos < 0) {
            throw new IllegalArgumentException("a time span cannot be negative: " + nanos + " ns");
        }
    }

    /** @throws IllegalArgumentException naming the text and the allowed forms */
    public static TimeSpan parse(String text) {
        return new TimeSpan(Quantity.parse(text, "duration", UNITS, ALLOWED));
    }

    /** Readable form in the largest unit that keeps the value at least 1, e.g. {@code 1.5s}, {@code 250us}. */
    public static String format(long nanos) {
        long magnitude = Math.abs(nanos);
        if (magnitude >= NANOS_PER_SECOND) {
            return Quantity.scaled(nanos, NANOS_PER_SECOND, "s");
        }
        if (magnitude >= NANOS_PER_MILLI) {
            return Quantity.scaled(nanos, NANOS_PER_MILLI, "ms");
        }
        if (magnitude >= NANOS_PER_MICRO) {
            return Quantity.scaled(nanos, NANOS_PER_MICRO, "us");
        }
        return nanos + "ns";
    }

    @Override
    public String toString() {
        return format(nanos);
    }
}
