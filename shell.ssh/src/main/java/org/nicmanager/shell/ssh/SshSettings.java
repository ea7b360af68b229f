package org.nicmanager.shell.ssh;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SSH console's checked settings, read from the configuration of PID {@code org.nicmanager.ssh}. Every value is
 * checked against what is allowed, and a wrong one is refused with one line that names the key, the value and what
 * is allowed.
 *
 * @param port the TCP port; 0 means the console is off
 * @param host the name or address to listen on
 * @param authorizedKeys the OpenSSH {@code authorized_keys} file; null when only password login is configured
 * @param hostKey the file that keeps the server's host key (created on first start)
 * @param password the password that password login accepts; null when password login is off
 */
record SshSettings(int port, String host, Path authorizedKeys, Path hostKey, String password) {

    static final String PORT = "port";
    static final String HOST = "host";
    static final String AUTHORIZED_KEYS_FILE = "authorizedKeysFile";
    static final String HOST_KEY_FILE = "hostKeyFile";
    static final String PASSWORD_LOGIN = "passwordLogin";
    static final String PASSWORD = "password";

    static final String DEFAULT_HOST = "localhost";
    static final int MAX_PORT = 65_535;
    static final int MIN_PASSWORD_CHARS = 12;
    /** A host name or an IPv4 or IPv6 address: nothing a shell, a log or a URL would read differently. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.:%_-]{1,253}");

    boolean enabled() {
        return port != 0;
    }

    boolean passwordLogin() {
        return password != null;
    }

    /**
     * Reads and checks the configuration's properties.
     *
     * @param defaultHostKey where the host key is kept when {@code hostKeyFile} is not given
     * @throws IllegalArgumentException naming the bad key and value and what is allowed
     */
    static SshSettings from(Map<String, ?> properties, Path defaultHostKey) {
        int port = port(properties.get(PORT));
        String host = text(properties, HOST, DEFAULT_HOST);
        if (!HOST_NAME.matcher(host).matches()) {
            throw refused(HOST, host, "a host name or an IP address to listen on, e.g. localhost");
        }
        boolean passwordLogin = bool(properties.get(PASSWORD_LOGIN));
        String password = passwordLogin ? text(properties, PASSWORD, "") : null;
        if (passwordLogin && password.length() < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("bad " + PASSWORD + ": passwordLogin is true, so " + PASSWORD
                    + " must hold at least " + MIN_PASSWORD_CHARS + " characters (it holds " + password.length()
                    + ")");
        }
        String keysText = text(properties, AUTHORIZED_KEYS_FILE, "");
        Path authorizedKeys = keysText.isEmpty() ? null : path(AUTHORIZED_KEYS_FILE, keysText);
        if (port != 0 && authorizedKeys == null && !passwordLogin) {
            throw new IllegalArgumentException("bad " + AUTHORIZED_KEYS_FILE + " '': the SSH console on port " + port
                    + " needs an OpenSSH authorized_keys file to let anyone in (or passwordLogin = true)");
        }
        if (port != 0 && authorizedKeys != null && !Files.isRegularFile(authorizedKeys)) {
            throw refused(AUTHORIZED_KEYS_FILE, keysText, "an existing OpenSSH authorized_keys file");
        }
        String hostKeyText = text(properties, HOST_KEY_FILE, "");
        Path hostKey = hostKeyText.isEmpty() ? defaultHostKey : path(HOST_KEY_FILE, hostKeyText);
        // The default is in the framework's storage, whose folder the framework makes.
        if (port != 0 && !hostKeyText.isEmpty() && !Files.isDirectory(hostKey.getParent())) {
            throw refused(HOST_KEY_FILE, hostKeyText, "a file in an existing folder (it is created on first start)");
        }
        return new SshSettings(port, host, authorizedKeys, hostKey, password);
    }

    private static int port(Object value) {
        if (value == null) {
            return 0;
        }
        long port;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            port = ((Number) value).longValue();
        } else if (value instanceof String text && text.trim().matches("\\d{1,9}")) {
            port = Long.parseLong(text.trim());
        } else {
            throw refused(PORT, value, "a TCP port 1.." + MAX_PORT + ", or 0 for off");
        }
        if (port < 0 || port > MAX_PORT) {
            throw refused(PORT, value, "a TCP port 1.." + MAX_PORT + ", or 0 for off");
        }
        return (int) port;
    }

    private static boolean bool(Object value) {
        if (value == null || Boolean.FALSE.equals(value) || "false".equals(value)) {
            return false;
        }
        if (Boolean.TRUE.equals(value) || "true".equals(value)) {
            return true;
        }
        throw refused(PASSWORD_LOGIN, value, "true or false");
    }

    private static String text(Map<String, ?> properties, String key, String absent) {
        Object value = properties.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof String text)) {
            throw refused(key, value, "text");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw refused(key, value, "text without control characters");
        }
        return text.trim();
    }

    private static Path path(String key, String text) {
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException bad) {
            throw refused(key, text, "a file path (" + bad.getReason() + ")");
        }
    }

    /** The value is escaped here, not only by the log's layout: the message also goes into the refusal's event. */
    private static IllegalArgumentException refused(String key, Object value, String allowed) {
        return new IllegalArgumentException("bad " + key + " '" + LogText.escaped(value) + "': expected " + allowed);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SshSettings[port=" + port + ", host=" + host + ", authorizedKeys=" + authorizedKeys + ", hostKey="
                + hostKey + ", passwordLogin=" + passwordLogin() + "]";
    }
}
