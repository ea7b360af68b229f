package org.nicmanager.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Turns the framework's HTTP listener (Felix HTTP Jetty) on, on a free localhost port, as the launcher does. */
final class LocalHttp {

    private static final Pattern ENDPOINT = Pattern.compile("(http://[^,\\]\\s]+)");

    private LocalHttp() {
    }

    /** Configures Jetty and waits for its listener; answers its base URL, ending in '/'. */
    static String start(BundleContext context, long waitSeconds) throws Exception {
        // Held while used: ConfigurationAdmin is a service factory, whose object dies with the tracker that got it.
        ServiceReference<ConfigurationAdmin> admin = context.getServiceReference(ConfigurationAdmin.class);
        assertNotNull("no ConfigurationAdmin", admin);
        ConfigurationAdmin configurations = context.getService(admin);
        Configuration jetty = configurations.getConfiguration("org.apache.felix.http", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("org.apache.felix.http.enable", Boolean.TRUE);
        properties.put("org.osgi.service.http.port", 0);
        properties.put("org.apache.felix.http.host", "localhost");
        jetty.update(properties);
        context.ungetService(admin);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(
                "(&(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)(osgi.http.endpoint=http*))"), null);
        tracker.open(true);
        try {
            assertNotNull("no HTTP listener within " + waitSeconds + " s",
                    tracker.waitForService(TimeUnit.SECONDS.toMillis(waitSeconds)));
            Object endpoint = tracker.getServiceReference().getProperty("osgi.http.endpoint");
            String endpoints = endpoint instanceof String[] list ? String.join(",", list) : String.valueOf(endpoint);
            Matcher address = ENDPOINT.matcher(endpoints);
            assertTrue(endpoints, address.find());
            return address.group(1).endsWith("/") ? address.group(1) : address.group(1) + "/";
        } finally {
            tracker.close();
        }
    }
}
