package org.nicmanager.operator.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.nicmanager.kernel.api.config.ConfigurationFiles;

/**
 * Reads one configuration's properties as a component sees them, checking every value against both bounds. Values
 * come typed (from a command or a typed {@code .cfg} entry) or as text (a plain {@code .cfg} entry); both are read, and
 * anything else is a {@link BadConfiguration} naming the file, the key, the value and what is allowed.
 *
 * <p>Components take their configuration as a map rather than as a DS annotation type, so that a value DS cannot
 * convert reaches this check instead of failing the component's activation and taking it away.
 */
public final class ConfigValues {

    private final String pid;
    private final Map<String, ?> properties;

    public ConfigValues(String pid, Map<String, ?> properties) {
        this.pid = pid;
        this.properties = properties;
    }

    /** The file FileInstall read this configuration from, or null. */
    public String file() {
        Object file = properties.get(ConfigurationFiles.FILE_MARK);
        return file == null ? null : String.valueOf(file);
    }

    /** The whole number under {@code key}, in {@code min..max}; {@code fallback} when the key is absent. */
    public int intIn(String key, int fallback, int min, int max) throws BadConfiguration {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String allowed = "a whole number " + min + ".." + max;
        long number;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text) {
            try {
                number = Long.parseLong(text.trim());
            } catch (NumberFormatException notANumber) {
                throw bad(key, value, allowed);
            }
        } else {
            throw bad(key, value, allowed);
        }
        if (number < min || number > max) {
            throw bad(key, value, allowed);
        }
        return (int) number;
    }

    /** The text under {@code key}, matching {@code pattern} in full or empty; {@code ""} when absent. */
    public String textMatching(String key, Pattern pattern, String allowed) throws BadConfiguration {
        Object value = properties.get(key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text) || !(text.isEmpty() || pattern.matcher(text).matches())) {
            throw bad(key, value, allowed);
        }
        return text;
    }

    /**
     * The list under {@code key} (an array, a collection, or one comma-separated text), at most {@code maxItems}, each
     * matching {@code pattern}; empty when absent.
     */
    public List<String> listMatching(String key, Pattern pattern, int maxItems, String allowed)
            throws BadConfiguration {
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
            throw bad(key, value, allowed);
        }
        List<String> checked = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text) || !pattern.matcher(text).matches()) {
                throw bad(key, item, allowed);
            }
            checked.add(text);
        }
        if (checked.size() > maxItems) {
            throw bad(key, String.join(",", checked), "at most " + maxItems + " items, each " + allowed);
        }
        return List.copyOf(checked);
    }

    /** A refusal of {@code key}'s value, for a check that involves more than one key. */
    public BadConfiguration bad(String key, Object value, String allowed) {
        return new BadConfiguration(pid, file(), key, value instanceof String[] array ? String.join(",", array) : value,
                allowed);
    }
}
