package org.nicmanager.operator.web;

/**
 * Text that came with a request (its headers, path, parameters), bounded to a readable length.
 *
 * <p>{@link #escape} is for text that goes into an HTTP answer (a refusal's one-line message, which the refusal's log
 * line repeats): control and line-separating characters become escapes there, where the log's own escaping (logback's
 * {@code %safeMsg}, which escapes every logged message) does not reach. Text that only goes to the log is just
 * {@link #cut}: the log escapes it, and the cut keeps a client from writing kilobytes of header into every line.
 */
final class LogText {

    static final int MAX_CHARS = 200;

    private LogText() {
    }

    /** For the log alone: at most {@value #MAX_CHARS} characters, "(none)" for null; the log escapes it. */
    static String cut(String text) {
        if (text == null) {
            return "(none)";
        }
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
    }

    /** For an HTTP answer: cut, and each control or line-separating character as its escape. */
    static String escape(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int i = 0;
        for (; i < text.length() && safe.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                case '\\' -> safe.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            safe.append("...");
        }
        return safe.toString();
    }
}
