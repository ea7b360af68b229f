package org.nicmanager.lib.services;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits, without polling or sleeping, for a service with one property value to appear or to go. Open it before the
 * change that makes the service come or go, so that the event cannot be missed.
 */
public final class ServiceWait<T> implements AutoCloseable {

    /** How long a command waits for the configuration it wrote to take effect. */
    public static final long TIMEOUT_MILLIS = 10_000;

    private final ServiceTracker<T, T> tracker;
    private final CountDownLatch gone = new CountDownLatch(1);

    /** @param value a name the caller checked to letters, digits, '.', '_' and '-', so it needs no LDAP escaping */
    public ServiceWait(BundleContext context, Class<T> type, String property, String value) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")(" + property
                    + "=" + value + "))");
        } catch (InvalidSyntaxException badFilter) {
            throw new IllegalArgumentException("bad name '" + value + "'", badFilter);
        }
        tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public void removedService(ServiceReference<T> reference, T service) {
                super.removedService(reference, service);
                if (size() == 0) {
                    gone.countDown();
                }
            }
        };
        tracker.open();
    }

    public boolean present() {
        return !tracker.isEmpty();
    }

    /** A property of the service present now, as text, or null when none is. */
    public String presentProperty(String key) {
        ServiceReference<T> reference = tracker.getServiceReference();
        return reference == null ? null : String.valueOf(reference.getProperty(key));
    }

    /** The service, or null when none appeared in time. */
    public T awaitPresent() throws InterruptedException {
        return tracker.waitForService(TIMEOUT_MILLIS);
    }

    /** True once no such service is left, false when some remained for the whole timeout. */
    public boolean awaitAbsent() throws InterruptedException {
        return tracker.isEmpty() || gone.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
