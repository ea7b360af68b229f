package org.nicmanager.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg}: the formatted message with every control character escaped, so that a logged value (a configured
 * name, a command's word, an HTTP parameter) can never start a line of its own and forge an entry: newline, carriage
 * return and tab as {@code \n}, {@code \r}, {@code \t}, the others as {@code \u001b}. Printable text, non-ASCII
 * letters included, is left as it is. Stack traces are written by {@code %ex}, untouched.
 */
public final class EscapedMessageConverter extends ClassicConverter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String convert(ILoggingEvent event) {
        return escape(event.getFormattedMessage());
    }

    static String escape(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message; // the common case: no copy
        }
        StringBuilder escaped = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        escaped.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
