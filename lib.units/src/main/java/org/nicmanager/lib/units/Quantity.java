package org.nicmanager.lib.units;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses "number unit" text into a whole count of a base unit. Shared by the value records of this package. */
final class Quantity {

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");

    private Quantity() {
    }

    /**
     * @param kind what is being parsed, for messages ("duration")
     * @param units unit suffix to the number of base units it stands for
     * @param allowed the allowed forms, for messages
     */
    static long parse(String text, String kind, Map<String, Long> units, String allowed) {
        String trimmed = text == null ? "" : text.trim();
        Matcher matcher = FORM.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("bad " + kind + " '" + text + "': expected " + allowed);
        }
        Long multiplier = units.get(matcher.group(2));
        if (multiplier == null) {
            throw new IllegalArgumentException("bad " + kind + " '" + text + "': unknown unit '" + matcher.group(2)
                    + "'; expected " + allowed);
        }
        BigDecimal value = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try {
            return value.longValueExact();
        } catch (ArithmeticException notWhole) {
            throw new IllegalArgumentException("bad " + kind + " '" + text + "': "
                    + (value.signum() > 0 && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                            ? "too large" : "finer than the smallest unit")
                    + "; expected " + allowed);
        }
    }

    /** Prints {@code value / unit} with up to three decimals, trailing zeros removed. */
    static String scaled(long value, long unit, String suffix) {
        BigDecimal scaled = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit));
        if (scaled.scale() > 3) {
            scaled = scaled.setScale(3, java.math.RoundingMode.HALF_EVEN);
        }
        return scaled.stripTrailingZeros().toPlainString() + suffix;
    }
}
