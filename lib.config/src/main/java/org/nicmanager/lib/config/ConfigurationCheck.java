package org.nicmanager.lib.config;

import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks one configuration's values, each against both its bounds, before a component puts any of them in force. The
 * values are read through their config annotation's methods, so a value that DS cannot even convert (a word where a
 * number belongs) is refused the same way as one out of range: a {@link ConfigurationRefused} naming the PID, the file,
 * the key, the value as configured, and what is allowed.
 *
 * <pre>
 * ConfigurationCheck check = new ConfigurationCheck(PID, properties);
 * int buffers = check.intWithin("poolBuffers", config::poolBuffers, 1, 1 &lt;&lt; 20);
 * </pre>
 *
 * <p>A component that must not be taken away by a value DS cannot convert (it would fail activation, or deactivate a
 * running component) takes its properties as a map and reads them here directly, with {@link #intIn}, {@link #longIn},
 * {@link #textMatching} and {@link #listMatching}: a typed value or its text are both read.
 */
public final class ConfigurationCheck {

    private final String pid;
    private final Map<String, ?> properties;

    /**
     * @param properties the component's properties as DS hands them to activate or modified; they carry the file mark
     *            and the raw values
     */
    public ConfigurationCheck(String pid, Map<String, ?> properties) {
        this.pid = pid;
        this.properties = properties;
    }

    /** A whole number in {@code minimum..maximum}. */
    public long longWithin(String key, LongSupplier value, long minimum, long maximum) {
        String allowed = "a whole number from " + minimum + " to " + maximum;
        long read;
        try {
            read = value.getAsLong();
        } catch (RuntimeException unconvertible) {
            throw refused(key, allowed);
        }
        if (read < minimum || read > maximum) {
            throw refused(key, allowed);
        }
        return read;
    }

    /** A whole number in {@code minimum..maximum}. */
    public int intWithin(String key, IntSupplier value, int minimum, int maximum) {
        return (int) longWithin(key, value::getAsInt, minimum, maximum);
    }

    /** A number above {@code lowerExclusive} and at most {@code maximum}; NaN is refused. */
    public double doubleAbove(String key, DoubleSupplier value, double lowerExclusive, double maximum) {
        String allowed = "a number above " + lowerExclusive + " and at most " + maximum;
        double read;
        try {
            read = value.getAsDouble();
        } catch (RuntimeException unconvertible) {
            throw refused(key, allowed);
        }
        if (!(read > lowerExclusive && read <= maximum)) {
            throw refused(key, allowed);
        }
        return read;
    }

    /**
     * A value of any other type (an array, say), as converted for the component: refused naming {@code allowed} when
     * it cannot be. The caller checks its bounds, and refuses with {@link #refused(String, String)}.
     */
    public <T> T converted(String key, Supplier<T> value, String allowed) {
        try {
            return value.get();
        } catch (RuntimeException unconvertible) {
            throw refused(key, allowed);
        }
    }

    /**
     * The whole number under {@code key}, read from the properties themselves: an integral number, or text of one (a
     * plain {@code .cfg} entry); {@code absent} when the key is not there.
     */
    public long longIn(String key, long absent, long minimum, long maximum) {
        Object value = properties.get(key);
        if (value == null) {
            return absent;
        }
        return longWithin(key, () -> {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof String text) {
                return Long.parseLong(text.trim());
            }
            throw new IllegalArgumentException("not a whole number: " + value.getClass().getSimpleName());
        }, minimum, maximum);
    }

    /** {@link #longIn} for an {@code int}. */
    public int intIn(String key, int absent, int minimum, int maximum) {
        return (int) longIn(key, absent, minimum, maximum);
    }

    /** The text under {@code key}, matching {@code pattern} in full, or empty; {@code ""} when the key is absent. */
    public String textMatching(String key, Pattern pattern, String allowed) {
        Object value = properties.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text) || !(text.isEmpty() || pattern.matcher(text).matches())) {
            throw refused(key, allowed);
        }
        return text;
    }

    /**
     * The list under {@code key} (an array, a collection, or one comma-separated text), at most {@code maxItems}, each
     * matching {@code pattern}; empty when the key is absent.
     */
    public List<String> listMatching(String key, Pattern pattern, int maxItems, String allowed) {
        Object value = properties.get(key);
        List<Object> items = new ArrayList<>();
        if (value == null) {
            return List.of();
        } else if (value instanceof String text) {
            for (String item : text.split(",", -1)) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        } else if (value instanceof String[] array) {
            items.addAll(List.of(array));
        } else if (value instanceof Collection<?> collection) {
            items.addAll(collection);
        } else {
            throw refused(key, allowed);
        }
        List<String> checked = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text) || !pattern.matcher(text).matches()) {
                throw refused(key, allowed);
            }
            checked.add(text);
        }
        if (checked.size() > maxItems) {
            throw refused(key, "at most " + maxItems + " items, each " + allowed);
        }
        return List.copyOf(checked);
    }

    /** One of an enumeration's constants. */
    public <E extends Enum<E>> E oneOf(String key, Supplier<E> value, Class<E> type) {
        try {
            E read = value.get();
            if (read != null) {
                return read;
            }
        } catch (RuntimeException unconvertible) {
            // refused below, naming the constants
        }
        throw refused(key, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** A refusal of {@code key}'s configured value, which allows {@code allowed}. */
    public ConfigurationRefused refused(String key, String allowed) {
        return new ConfigurationRefused(pid, file(), key, raw(key), allowed);
    }

    /** Where the configuration came from: FileInstall's file mark as a path, or empty. */
    public String file() {
        Object mark = properties.get(ConfigurationFiles.FILE_MARK);
        if (mark == null) {
            return "";
        }
        String text = mark.toString();
        try {
            return text.startsWith("file:") ? Paths.get(URI.create(text)).toString() : text;
        } catch (IllegalArgumentException | FileSystemNotFoundException notAPath) {
            return text; // shown as FileInstall wrote it
        }
    }

    /**
     * The configured value as an operator wrote it, on one line: it goes into the refusal's event (the timeline, the
     * dashboard) as well as the log, so control characters are escaped here and not only by the log's layout.
     */
    private String raw(String key) {
        Object value = properties.get(key);
        if (value == null) {
            return "(absent)";
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                text.append(i == 0 ? "" : ", ").append(Array.get(value, i));
            }
            return oneLine(text.append(']').toString());
        }
        return oneLine(value instanceof String ? "\"" + value + "\"" : value.toString());
    }

    /** Newline, carriage return and tab as {@code \n}, {@code \r}, {@code \t}; other control characters in hex. */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return line.toString();
    }
}
