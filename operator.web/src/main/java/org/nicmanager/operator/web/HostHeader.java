package org.nicmanager.operator.web;

import java.util.Collection;
import java.util.Locale;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of a request's {@code Host} header against the names the dashboard answers to: the loopback names and the
 * configured ones. A page that a browser loaded from another name (DNS rebinding: {@code evil.example} made to resolve
 * to 127.0.0.1) sends that other name, and is refused before it can read anything.
 */
final class HostHeader {

    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[^]]*]|[^:\\[\\]]+)(?::([0-9]{1,5}))?");

    private HostHeader() {
    }

    /** The name part of a {@code Host} value ({@code name[:port]}, {@code [v6][:port]}), lower case, or null. */
    static String nameOf(String host) {
        if (host == null) {
            return null;
        }
        Matcher matcher = HOST_AND_PORT.matcher(host.trim());
        return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Whether {@code host} names a loopback name or one of {@code configured} (lower case). */
    static boolean allowed(String host, Collection<String> configured) {
        String name = nameOf(host);
        return name != null && (LOOPBACK_NAMES.contains(name) || configured.contains(name));
    }
}
