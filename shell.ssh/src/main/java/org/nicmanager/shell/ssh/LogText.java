package org.nicmanager.shell.ssh;

/**
 * Text from the network (user names, addresses) or a configuration made safe to show: a control character is written
 * as its escape ({@code \n}, {@code \r}, {@code \t}) or as a backslash, {@code u} and four hex digits. The log
 * escapes every message itself (logback's {@code %safeMsg}); this is for text that also goes into events (a refused
 * login, a refused configuration), which the timeline and the dashboard show.
 */
final class LogText {

    private LogText() {
    }

    static String escaped(Object value) {
        String text = String.valueOf(value);
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\\';
            if (control && safe == null) {
                safe = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(control ? escape(c) : String.valueOf(c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
