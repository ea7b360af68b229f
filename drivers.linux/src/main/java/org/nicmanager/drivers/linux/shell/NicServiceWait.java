package org.nicmanager.drivers.linux.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits, without polling or sleeping, for the NIC service of one name to appear or to go. Open it before the change
 * that makes the service come or go, so that the event cannot be missed.
 */
final class NicServiceWait implements AutoCloseable {

    /** How long a command waits for the configuration it wrote to take effect. */
    static final long TIMEOUT_MILLIS = 10_000;

    private final ServiceTracker<PhysicalNic, PhysicalNic> tracker;
    private final CountDownLatch gone = new CountDownLatch(1);

    /** @param name a name checked by {@code LinuxNicRegistry.checkName}, so it needs no LDAP escaping */
    NicServiceWait(BundleContext context, String name) {
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(" + Constants.OBJECTCLASS + "=" + PhysicalNic.class.getName()
                    + ")(" + PhysicalNic.NAME_PROPERTY + "=" + name + "))");
        } catch (InvalidSyntaxException badFilter) {
            throw new IllegalArgumentException("bad NIC name '" + name + "'", badFilter);
        }
        tracker = new ServiceTracker<>(context, filter, null) {
            @Override
            public void removedService(ServiceReference<PhysicalNic> reference, PhysicalNic service) {
                super.removedService(reference, service);
                if (size() == 0) {
                    gone.countDown();
                }
            }
        };
        tracker.open();
    }

    /** The driver of the NIC of that name present now, or null. */
    String presentDriver() {
        ServiceReference<PhysicalNic> reference = tracker.getServiceReference();
        return reference == null ? null : String.valueOf(reference.getProperty(PhysicalNic.DRIVER_PROPERTY));
    }

    /** True once the service is there, false when it did not come in time. */
    boolean awaitPresent() throws InterruptedException {
        return tracker.waitForService(TIMEOUT_MILLIS) != null;
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
