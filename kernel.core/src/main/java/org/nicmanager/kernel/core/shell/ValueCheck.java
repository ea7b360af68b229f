package org.nicmanager.kernel.core.shell;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a word against the Java type of the argument it fills, before Gogo converts it. Gogo reads a number as a
 * {@code long} or {@code double} and narrows it without a check ({@code 99999999999} became priority 1215752191), and
 * answers a word that is no number with its coercion error; here both are answered with the range allowed.
 */
final class ValueCheck {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private ValueCheck() {
    }

    /** What is wrong with {@code word} as a {@code type}; empty when it fits (or the type takes any word). */
    static Optional<String> problem(Class<?> type, String word) {
        if (type == int.class || type == Integer.class) {
            return whole(word, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return whole(word, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == short.class || type == Short.class) {
            return whole(word, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (type == byte.class || type == Byte.class) {
            return whole(word, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return decimal(word);
        }
        if (type == boolean.class || type == Boolean.class) {
            return word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false") ? Optional.empty()
                    : Optional.of("allowed true, false");
        }
        return Optional.empty();
    }

    private static Optional<String> whole(String word, long minimum, long maximum) {
        String allowed = "a whole number from " + minimum + " to " + maximum;
        if (!WHOLE_NUMBER.matcher(word).matches()) {
            return Optional.of(allowed);
        }
        try {
            long value = Long.parseLong(word);
            return value < minimum || value > maximum ? Optional.of(allowed) : Optional.empty();
        } catch (NumberFormatException beyondLong) {
            return Optional.of(allowed);
        }
    }

    private static Optional<String> decimal(String word) {
        try {
            double value = Double.parseDouble(word);
            return Double.isFinite(value) && !word.endsWith("d") && !word.endsWith("f") && !word.endsWith("D")
                    && !word.endsWith("F") ? Optional.empty() : Optional.of("a finite decimal number, e.g. 0.5");
        } catch (NumberFormatException notANumber) {
            return Optional.of("a decimal number, e.g. 0.5");
        }
    }
}
