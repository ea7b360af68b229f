package org.nicmanager.host.launcher;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Where the dashboard listens: the HTTP runtime's {@code osgi.http.endpoint} (with the real port when the port was 0),
 * once the listener has started.
 */
final class DashboardAddress {

    private static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";
    private static final String ENDPOINT = "osgi.http.endpoint";
    private static final String IMPLEMENTATION = "osgi.implementation";
    private static final String HTTP = "osgi.http";
    private static final String SERVLET_NAME = "osgi.http.whiteboard.servlet.name";
    /** The operator bundle's /metrics servlet, by its whiteboard name. */
    private static final String METRICS_SERVLET = "nicmgr-metrics";

    private DashboardAddress() {
    }

    /** Whether a bundle implements the HTTP Whiteboard: a host without one (the loadable variant's) has no dashboard. */
    static boolean installed(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null && revision.getDeclaredCapabilities(IMPLEMENTATION).stream()
                    .anyMatch(capability -> HTTP.equals(capability.getAttributes().get(IMPLEMENTATION)))) {
                return true;
            }
        }
        return false;
    }

    /** @return the base address, e.g. {@code http://localhost:8080/}, or empty if none came within the timeout */
    static Optional<String> await(BundleContext context, long timeoutMillis) throws InterruptedException {
        Filter filter;
        try {
            filter = context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + RUNTIME + ")(" + ENDPOINT + "=*))");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        AtomicReference<String> address = new AtomicReference<>();
        CountDownLatch found = new CountDownLatch(1);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                offer(reference);
                return reference;
            }

            @Override
            public void modifiedService(ServiceReference<Object> reference, Object service) {
                offer(reference);
            }

            private void offer(ServiceReference<Object> reference) {
                String endpoint = endpoint(reference.getProperty(ENDPOINT));
                if (endpoint != null && !endpoint.endsWith(":0/")) {
                    address.set(endpoint);
                    found.countDown();
                }
            }
        };
        tracker.open(true);
        try {
            found.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            tracker.close();
        }
        if (address.get() != null) {
            // The address is printed with /metrics: wait until that servlet is registered, so that a client reading
            // the address is answered, not told 404 while the whiteboard component is still on its way. The timeout
            // is a safety net of its own, not what is left of the first: no clock is read here.
            awaitService(context, "(" + SERVLET_NAME + "=" + METRICS_SERVLET + ")", timeoutMillis);
        }
        return Optional.ofNullable(address.get());
    }

    private static void awaitService(BundleContext context, String filterText, long timeoutMillis)
            throws InterruptedException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filterText), null);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        tracker.open(true);
        try {
            tracker.waitForService(timeoutMillis);
        } finally {
            tracker.close();
        }
    }

    /** The first http endpoint, whether the property is a string or a list of them. */
    private static String endpoint(Object property) {
        if (property instanceof String[] endpoints) {
            for (String endpoint : endpoints) {
                if (endpoint.startsWith("http:")) {
                    return endpoint.endsWith("/") ? endpoint : endpoint + "/";
                }
            }
            return null;
        }
        return property instanceof String endpoint ? (endpoint.endsWith("/") ? endpoint : endpoint + "/") : null;
    }
}
