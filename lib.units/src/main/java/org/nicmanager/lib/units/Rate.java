package org.nicmanager.lib.units;

import java.util.HashMap;
import java.util.Map;

/** A non-negative rate, either in bits per second ({@code 100Mbps}, {@code 2.5Gbps}) or frames per second ({@code 150kpps}). */
public record Rate(long perSecond, Unit unit) {

    /** What a rate counts. */
    public enum Unit {
        BITS_PER_SECOND("bps"), FRAMES_PER_SECOND("pps");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    private static final String ALLOWED = "a number and a unit bps, kbps, Mbps, Gbps, pps, kpps or Mpps"
            + " (e.g. 100Mbps, 2.5Gbps, 150kpps)";
    private static final Map<String, Long> BIT_UNITS = Map.of(
            "bps", 1L, "kbps", 1_000L, "Kbps", 1_000L, "Mbps", 1_000_000L, "Gbps", 1_000_000_000L);
    private static final Map<String, Long> FRAME_UNITS = Map.of(
            "pps", 1L, "kpps", 1_000L, "Kpps", 1_000L, "Mpps", 1_000_000L);
    private static final Map<String, Long> ALL_UNITS = union(BIT_UNITS, FRAME_UNITS);

    public Rate {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a rate cannot be negative: " + perSecond + unit.suffix());
        }
    }

    /** @throws IllegalArgumentException naming the text and the allowed forms */
    public static Rate parse(String text) {
        long value = Quantity.parse(text, "rate", ALL_UNITS, ALLOWED);
        String trimmed = text.trim();
        Unit unit = trimmed.endsWith("pps") ? Unit.FRAMES_PER_SECOND : Unit.BITS_PER_SECOND;
        return new Rate(value, unit);
    }

    /** A rate that must be in bits per second, e.g. a link speed or a bandwidth limit. */
    public static long parseBitsPerSecond(String text) {
        Rate rate = parse(text);
        if (rate.unit != Unit.BITS_PER_SECOND) {
            throw new IllegalArgumentException("bad rate '" + text + "': a bandwidth is needed here, in bps, kbps, Mbps"
                    + " or Gbps (e.g. 100Mbps)");
        }
        return rate.perSecond;
    }

    private static Map<String, Long> union(Map<String, Long> first, Map<String, Long> second) {
        Map<String, Long> all = new HashMap<>(first);
        all.putAll(second);
        return Map.copyOf(all);
    }

    @Override
    public String toString() {
        if (perSecond >= 1_000_000_000L) {
            return Quantity.scaled(perSecond, 1_000_000_000L, "G" + unit.suffix());
        }
        if (perSecond >= 1_000_000L) {
            return Quantity.scaled(perSecond, 1_000_000L, "M" + unit.suffix());
        }
        if (perSecond >= 1_000L) {
            return Quantity.scaled(perSecond, 1_000L, "k" + unit.suffix());
        }
        return perSecond + unit.suffix();
    }
}
