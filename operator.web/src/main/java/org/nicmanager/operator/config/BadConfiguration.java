package org.nicmanager.operator.config;

import org.nicmanager.operator.web.LogText;

/**
 * A configured value that this bundle refuses: which configuration (and {@code conf/} file), which key, the value, and
 * what is allowed. The component that reads it keeps its last good settings.
 */
public final class BadConfiguration extends Exception {

    private static final long serialVersionUID = 1L;

    private final String pid;
    private final String file;
    private final String key;
    private final String value;
    private final String allowed;

    BadConfiguration(String pid, String file, String key, Object value, String allowed) {
        super("configuration " + pid + (file == null ? "" : " (file " + file + ")") + ": bad " + key + " '"
                + LogText.escape(String.valueOf(value)) + "'; allowed: " + allowed);
        this.pid = pid;
        this.file = file;
        this.key = key;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    public String pid() {
        return pid;
    }

    /** The {@code conf/} file the configuration came from, or null when it came from elsewhere (a command, a test). */
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
}
