package org.nicmanager.operator.web;

/**
 * Makes text that came from outside (a request's headers and path, a configured value) safe to log: control and
 * line-separating characters become escapes, so a value cannot forge a log line, and it is cut to a readable length.
 */
public final class LogText {

    static final int MAX_CHARS = 200;

    private LogText() {
    }

    public static String escape(String text) {
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
