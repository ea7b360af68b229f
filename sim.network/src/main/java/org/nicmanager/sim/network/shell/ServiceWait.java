package org.nicmanager.sim.network.shell;

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
final class ServiceWait<T> implements AutoCloseable {

    /** How long a command waits for the configuration it wrote to take effect. */
    static final long TIMEOUT_MILLIS = 10_000;

    private final ServiceTracker<T, T> tracker;
    private final CountDownLatch gone = new CountDownLatch(1);

    /** @param value a name checked by {@link org.nicmanager.sim.network.Names}, so it needs no LDAP escaping */
    ServiceWait(BundleContext context, Class<T> type, String property, String value) {
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

    boolean present() {
        return !tracker.isEmpty();
    }

    /** The service, or null when none appeared in time. */
    T awaitPresent() throws InterruptedException {
        return tracker.waitForService(TIMEOUT_MILLIS);
    }

    /** True once no such service is left, false when some remained for the whole timeout. */
    boolean awaitAbsent() throws InterruptedException {
        return tracker.isEmpty() || gone.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
