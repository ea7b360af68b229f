package org.nicmanager.sim.network.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Reads the words of a {@code hw:} command line. Commands take their positional words as {@code String...} and their
 * options as strings, so that every mistake is answered here with the bad value and the allowed ones, never by a
 * coercion error of the shell.
 */
final class Words {

    /** What an absent option reads as (Gogo's {@code absentValue}). */
    static final String ABSENT = "";

    private Words() {
    }

    /** Refuses a line whose word count is not {@code count}, quoting the words and the usage. */
    static void expectCount(String[] words, int count, String usage) {
        if (words.length != count) {
            throw new IllegalArgumentException("expected: " + usage + "; got '" + String.join(" ", words) + "'"
                    + unknownOptionHint(words));
        }
    }

    private static String unknownOptionHint(String[] words) {
        String options = Arrays.stream(words).filter(word -> word != null && word.startsWith("--"))
                .collect(Collectors.joining(", "));
        return options.isEmpty() ? "" : " (unknown option " + options + ")";
    }

    /** The subcommand in {@code words[0]}, one of {@code allowed}; a missing or wrong one is answered with usage. */
    static String subcommand(String command, String[] words, String usage, String... allowed) {
        if (words.length == 0 || !Arrays.asList(allowed).contains(words[0])) {
            throw new IllegalArgumentException(command + " needs a subcommand: " + String.join(", ", allowed)
                    + (words.length == 0 ? "" : "; got '" + words[0] + "'") + "; usage: " + usage);
        }
        return words[0];
    }

    static boolean given(String option) {
        return option != null && !option.isEmpty();
    }

    static String required(String name, String value, String example) {
        if (!given(value)) {
            throw new IllegalArgumentException(name + " is required, e.g. " + name + " " + example);
        }
        return value;
    }

    /** A whole number in {@code minimum..maximum}. */
    static int count(String option, String text, int minimum, int maximum) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException notANumber) {
            throw notACount(option, text, minimum, maximum);
        }
        if (value < minimum || value > maximum) {
            throw notACount(option, text, minimum, maximum);
        }
        return value;
    }

    private static IllegalArgumentException notACount(String option, String text, int minimum, int maximum) {
        return new IllegalArgumentException("bad " + option + " '" + text + "': a whole number from " + minimum
                + " to " + maximum);
    }

    /** One of an enum's constants, typed in lower case. */
    static <E extends Enum<E>> E choice(String option, String text, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("bad " + option + " '" + text + "': allowed "
                + Arrays.stream(type.getEnumConstants()).map(constant -> constant.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }

    static boolean onOff(String text) {
        if (text.equals("on") || text.equals("off")) {
            return text.equals("on");
        }
        throw new IllegalArgumentException("bad setting '" + text + "': allowed on, off");
    }

    /** A rate above zero, in bps or pps. */
    static Rate positiveRate(String option, String text) {
        Rate rate = Rate.parse(text);
        if (rate.perSecond() == 0) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': a rate above zero is needed");
        }
        return rate;
    }

    /** A bandwidth above zero, in bps, kbps, Mbps or Gbps. */
    static long positiveBitsPerSecond(String option, String text) {
        long bps = Rate.parseBitsPerSecond(text);
        if (bps == 0) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': a rate above zero is needed");
        }
        return bps;
    }

    /** A duration; {@code zeroAllowed} when 0 means "until stopped". */
    static long durationNanos(String option, String text, boolean zeroAllowed) {
        long nanos = TimeSpan.parse(text).nanos();
        if (nanos == 0 && !zeroAllowed) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': a duration above zero is needed");
        }
        return nanos;
    }
}
