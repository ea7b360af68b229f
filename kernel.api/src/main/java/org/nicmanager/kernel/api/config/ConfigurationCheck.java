package org.nicmanager.kernel.api.config;

import java.lang.reflect.Array;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
            return text.append(']').toString();
        }
        return value instanceof String ? "\"" + value + "\"" : value.toString();
    }
}
