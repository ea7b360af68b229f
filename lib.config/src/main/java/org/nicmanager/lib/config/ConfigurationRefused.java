package org.nicmanager.lib.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.kernel.api.config.ConfigTopics;

/**
 * A configured value outside what its component allows. It names all four things an operator needs to fix it: the
 * configuration (its PID and, when it came from {@code conf/}, the file), the key, the value and what is allowed. The
 * component that refuses keeps its last good settings, logs {@link #getMessage()} and posts {@link #TOPIC} with
 * {@link #eventProperties()}.
 */
public final class ConfigurationRefused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The event topic of a refused configuration ({@link ConfigTopics#REFUSED}). */
    public static final String TOPIC = ConfigTopics.REFUSED;

    private final String pid;
    private final String file;
    private final String key;
    private final String value;
    private final String allowed;

    /**
     * @param file where the configuration came from (FileInstall's {@link ConfigurationFiles#FILE_MARK}), or empty
     * @param value the refused value as configured, quoted as text
     */
    public ConfigurationRefused(String pid, String file, String key, String value, String allowed) {
        super("configuration " + pid + (file.isEmpty() ? "" : " (" + file + ")") + " refused: " + key + " = "
                + value + " is not allowed; allowed: " + allowed + "; the settings in force stay");
        this.pid = pid;
        this.file = file;
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    public String pid() {
        return pid;
    }

    /** The {@code conf/} file the configuration came from, or empty. */
    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }

    /** The properties of the {@link #TOPIC} event: pid, file, key, value, allowed and message. */
    public Map<String, Object> eventProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ConfigTopics.PID, pid);
        properties.put(ConfigTopics.FILE, file);
        properties.put(ConfigTopics.KEY, key);
        properties.put(ConfigTopics.VALUE, value);
        properties.put(ConfigTopics.ALLOWED, allowed);
        properties.put(ConfigTopics.MESSAGE, getMessage());
        return properties;
    }
}
