package org.nicmanager.operator.timeline;

import org.nicmanager.lib.units.TimeSpan;

/** A kernel time typed by a person: nanoseconds as a plain number, or a span since start with a unit. */
final class KernelTimeArgument {

    private KernelTimeArgument() {
    }

    /**
     * @return the kernel time in nanoseconds
     * @throws IllegalArgumentException naming the text and the forms allowed
     */
    static long parse(String option, String text) {
        String trimmed = text.trim();
        try {
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(trimmed);
            }
            return TimeSpan.parse(trimmed).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': a kernel time, in nanoseconds"
                    + " (e.g. 1500000000) or with a unit ns, us, ms, s, m or h (e.g. 1.5s, 200ms)");
        }
    }
}
