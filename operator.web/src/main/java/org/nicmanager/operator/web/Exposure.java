package org.nicmanager.operator.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the HTTP runtime listens, from its {@code osgi.http.endpoint} property: whether any address is beyond loopback
 * (then the dashboard needs credentials), and the specific addresses it was told to listen on, which are names the
 * dashboard answers to as well.
 */
final class Exposure {

    static final String ENDPOINT = "osgi.http.endpoint";
    /** IPv4, or IPv6 (with a colon, maybe a zone), bare or in brackets: parsed without a name lookup. */
    private static final Pattern IP_LITERAL = Pattern.compile(
            "[0-9.]+|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?]?");

    private final Runnable changed;
    /** Endpoints by the runtime service's id. */
    private final Map<Object, List<String>> endpoints = new HashMap<>();

    Exposure(Runnable changed) {
        this.changed = changed;
    }

    void runtime(Map<String, Object> properties) {
        synchronized (this) {
            endpoints.put(properties.get("service.id"), endpointsOf(properties.get(ENDPOINT)));
        }
        changed.run();
    }

    synchronized void gone(Map<String, Object> properties) {
        endpoints.remove(properties.get("service.id"));
    }

    /** The endpoints that are reachable from beyond this machine. */
    synchronized List<String> beyondLoopback() {
        List<String> open = new ArrayList<>();
        endpoints.values().forEach(list -> list.stream().filter(endpoint -> !isLoopback(hostOf(endpoint)))
                .forEach(open::add));
        return open;
    }

    boolean isOpen() {
        return !beyondLoopback().isEmpty();
    }

    /** The configured names and the runtime's own addresses, lower case (loopback names are always allowed). */
    synchronized List<String> namesBesides(Collection<String> configured) {
        Set<String> names = new LinkedHashSet<>(configured);
        endpoints.values().forEach(list -> list.forEach(endpoint -> {
            String host = hostOf(endpoint);
            if (host != null && !HostHeader.LOOPBACK_NAMES.contains(host) && !isWildcard(host)) {
                names.add(host);
            }
        }));
        return List.copyOf(names);
    }

    /** Whether a host (a name or an address literal) is loopback; no name is looked up, {@code localhost} is known. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            // An address literal: parsed, never resolved.
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]");
    }

    private static String hostOf(String endpoint) {
        try {
            String host = new URI(endpoint).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    private static List<String> endpointsOf(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof String text) {
            list.add(text);
        } else if (value instanceof String[] array) {
            list.addAll(List.of(array));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> list.add(String.valueOf(item)));
        }
        return list;
    }
}
