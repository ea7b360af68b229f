package org.nicmanager.host.launcher;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Turns on the HTTP listener of Felix HTTP Jetty (its configuration PID {@value #PID}) for the dashboard and
 * {@code /metrics}: an interactive host listens by default, a {@code --script} run only with {@code --http-port}. The run
 * descriptor keeps it off, on localhost, so that test frameworks open no port.
 */
final class HttpSettings {

    static final String PID = "org.apache.felix.http";
    static final String ENABLE = "org.apache.felix.http.enable";
    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "localhost";

    private HttpSettings() {
    }

    /** @return whether HTTP was turned on */
    static boolean configure(ConfigurationAdmin configurations, BundleContext context, LaunchOptions options)
            throws IOException {
        if (options.httpPort() == null && options.scripted()) {
            return false;
        }
        Configuration http = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = http.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(ENABLE, Boolean.TRUE);
        if (options.httpPort() != null) {
            properties.put(PORT, options.httpPort());
        } else if (properties.get(PORT) == null) {
            properties.put(PORT, defaultPort(context));
        }
        if (properties.get(HOST) == null) {
            String host = context.getProperty(HOST);
            properties.put(HOST, host == null ? DEFAULT_HOST : host);
        }
        http.updateIfDifferent(properties);
        return true;
    }

    /** The run descriptor's (or a -D system property's) port, else 8080. */
    private static Object defaultPort(BundleContext context) {
        String port = context.getProperty(PORT);
        return port == null || port.isBlank() ? DEFAULT_PORT : port.trim();
    }
}
