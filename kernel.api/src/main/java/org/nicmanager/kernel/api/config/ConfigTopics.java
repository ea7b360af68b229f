package org.nicmanager.kernel.api.config;

/**
 * The event a component posts when it refuses a configured value and keeps its last good settings. The properties
 * name all an operator needs to fix it: the configuration's PID and, when it came from {@code conf/}, the file; the
 * key, the value as configured, what is allowed, and the whole message.
 */
public final class ConfigTopics {

    /** The event topic of a refused configuration. */
    public static final String REFUSED = "nicmgr/config/REFUSED";

    public static final String PID = "pid";
    /** The {@code conf/} file the configuration came from, or empty. */
    public static final String FILE = "file";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String ALLOWED = "allowed";
    public static final String MESSAGE = "message";

    private ConfigTopics() {
    }
}
