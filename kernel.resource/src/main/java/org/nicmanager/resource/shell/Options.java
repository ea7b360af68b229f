package org.nicmanager.resource.shell;

import org.nicmanager.lib.units.ByteSize;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;

/** Parses the {@code net:alloc} options; an absent option is {@code null}, a bad one is refused by name. */
final class Options {

    private Options() {
    }

    static Integer count(String option, String text) {
        if (text.equals(NetCommands.ABSENT)) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException notWhole) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': expected a whole number");
        }
    }

    static Long rate(String option, String text) {
        if (text.equals(NetCommands.ABSENT)) {
            return null;
        }
        try {
            return Rate.parseBitsPerSecond(text);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(option + ": " + bad.getMessage(), bad);
        }
    }

    static Long size(String option, String text) {
        if (text.equals(NetCommands.ABSENT)) {
            return null;
        }
        try {
            return ByteSize.parse(text).bytes();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(option + ": " + bad.getMessage(), bad);
        }
    }

    /** A duration kept as whole milliseconds (configuration stores {@code peakPeriodMs}), in nanoseconds. */
    static Long wholeMillis(String option, String text) {
        if (text.equals(NetCommands.ABSENT)) {
            return null;
        }
        long nanos;
        try {
            nanos = TimeSpan.parse(text).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(option + ": " + bad.getMessage(), bad);
        }
        if (nanos % TimeSpan.NANOS_PER_MILLI != 0) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': give whole milliseconds (e.g."
                    + " 100ms, 1s)");
        }
        return nanos;
    }
}
