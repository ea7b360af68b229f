package org.nicmanager.lib.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a clustered host finds its ZooKeeper ensemble ({@code --cluster}, and the cluster configuration's
 * {@code connectString}): either a ZooKeeper connect string, {@code HOST:PORT[,HOST:PORT...][/CHROOT]}, or
 * {@code embedded[:PORT]}, a standalone server inside this host on localhost (port 2181 unless given; 0 takes any free
 * port). Checked here, without ZooKeeper's classes, so that the launcher and the cluster bundle refuse the same values.
 *
 * @param embedded whether this host runs the server itself
 * @param embeddedPort the embedded server's port (0: any free one); -1 when not embedded
 * @param connectString the connect string to join; for an embedded server, filled in once it listens
 */
public record EnsembleAddress(boolean embedded, int embeddedPort, String connectString) {

    public static final String EMBEDDED = "embedded";
    public static final int DEFAULT_EMBEDDED_PORT = 2181;
    private static final int MAX_PORT = 65_535;
    /** A host name or IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern CHROOT = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final String ALLOWED = "allowed: HOST:PORT[,HOST:PORT...][/CHROOT] (ports 1.." + MAX_PORT
            + ") or embedded[:PORT] (0.." + MAX_PORT + ", 0: any free port)";

    /**
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static EnsembleAddress parse(String text) {
        String value = text == null ? "" : text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals(EMBEDDED)) {
            return new EnsembleAddress(true, DEFAULT_EMBEDDED_PORT, null);
        }
        if (lower.startsWith(EMBEDDED + ":")) {
            int port = port(value, value.substring(EMBEDDED.length() + 1), 0);
            return new EnsembleAddress(true, port, null);
        }
        if (value.isEmpty()) {
            throw bad(value, "it is empty");
        }
        String servers = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            servers = value.substring(0, slash);
            if (!CHROOT.matcher(value.substring(slash)).matches()) {
                throw bad(value, "the chroot '" + value.substring(slash) + "' is not a path like /nicmgr");
            }
        }
        for (String server : servers.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0) {
                throw bad(value, "'" + server + "' has no HOST:PORT");
            }
            String host = server.substring(0, colon);
            if (!HOST.matcher(host).matches()) {
                throw bad(value, "'" + host + "' is not a host name or address");
            }
            port(value, server.substring(colon + 1), 1);
        }
        return new EnsembleAddress(false, -1, value);
    }

    /**
     * A host's name in the cluster: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static String checkHostId(String hostId) {
        if (hostId == null || !HOST_ID.matcher(hostId).matches()) {
            throw new IllegalArgumentException("bad host id '" + (hostId == null ? "" : hostId) + "': 1 to 64 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
        }
        return hostId;
    }

    private static int port(String value, String text, int lowest) {
        try {
            int port = Integer.parseInt(text);
            if (port >= lowest && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw bad(value, "port '" + text + "' is not in " + lowest + ".." + MAX_PORT);
    }

    private static IllegalArgumentException bad(String value, String why) {
        return new IllegalArgumentException("bad cluster address '" + value + "': " + why + "; " + ALLOWED);
    }
}
