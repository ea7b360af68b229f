package org.nicmanager.vmm.backends.udp;

import java.net.InetSocketAddress;

/** A {@code HOST:PORT} as an operator types it ({@code 127.0.0.1:5555}, {@code [::1]:5555}, {@code localhost:5555}). */
final class HostPort {

    private HostPort() {
    }

    /**
     * @param option the option's name, for the message, e.g. {@code --listen}
     * @throws IllegalArgumentException naming the value and the form allowed, for a malformed one, a port outside
     *         1..65535 or a host that does not resolve
     */
    static InetSocketAddress parse(String option, String text) {
        if (text == null || text.isBlank()) {
            throw malformed(option, "", "is missing");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw malformed(option, text, "is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw malformed(option, text, "has an IPv6 host without brackets");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException notANumber) {
            throw malformed(option, text, "has no port number");
        }
        if (port < 1 || port > 65_535) {
            throw malformed(option, text, "has port " + port + ", outside 1..65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw malformed(option, text, "names host '" + host + "', which does not resolve");
        }
        return address;
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static IllegalArgumentException malformed(String option, String text, String why) {
        return new IllegalArgumentException("bad " + option + " '" + text + "': it " + why + "; expected HOST:PORT"
                + " with a port in 1..65535, e.g. 127.0.0.1:5555 or [::1]:5555");
    }
}
