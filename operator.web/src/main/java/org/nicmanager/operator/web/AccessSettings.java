package org.nicmanager.operator.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;

/**
 * Who may use the dashboard and {@code /metrics}, from the configuration {@value #PID}: the names browsers reach the
 * host by (besides the loopback names), and the one user's credentials. Without credentials the dashboard serves
 * loopback only.
 *
 * @param hostNames     extra names accepted in a request's {@code Host} header, lower case
 * @param user          the user of HTTP Basic authentication, or empty for none
 * @param passwordSha256 the hex SHA-256 of that user's password, lower case, or empty
 */
public record AccessSettings(List<String> hostNames, String user, String passwordSha256) {

    public static final String PID = "org.nicmanager.operator.web";
    static final String HOST_NAMES = "hostNames";
    static final String USER = "user";
    static final String PASSWORD_SHA256 = "passwordSha256";
    static final int MAX_HOST_NAMES = 32;

    /** A DNS name (labels of letters, digits and hyphens) or an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    + "[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9A-Fa-f]{64}");

    static final AccessSettings NONE = new AccessSettings(List.of(), "", "");

    /**
     * Reads and checks a configuration; a bad value (or a user without a password) is refused whole.
     *
     * @throws ConfigurationRefused naming the first bad value
     */
    static AccessSettings read(Map<String, ?> properties) {
        ConfigurationCheck values = new ConfigurationCheck(PID, properties);
        List<String> names = values.listMatching(HOST_NAMES, HOST_NAME, MAX_HOST_NAMES,
                "a DNS name (letters, digits, '-', '.') or an IP address, IPv6 in brackets").stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();
        String user = values.textMatching(USER, USER_NAME, "1 to 64 of A-Z a-z 0-9 . _ -, or empty for none");
        String password = values.textMatching(PASSWORD_SHA256, SHA256_HEX,
                "64 hex digits: the SHA-256 of the password, e.g. from: printf %s PASSWORD | sha256sum");
        if (user.isEmpty() != password.isEmpty()) {
            throw user.isEmpty() ? values.refused(USER, "a user name, since " + PASSWORD_SHA256 + " is set")
                    : values.refused(PASSWORD_SHA256, "64 hex digits, since " + USER + " is set");
        }
        return new AccessSettings(names, user, password.toLowerCase(Locale.ROOT));
    }

    boolean hasCredentials() {
        return !user.isEmpty();
    }
}
