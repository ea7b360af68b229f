package org.nicmanager.host.launcher;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Waits until the framework has climbed to the highest start level any bundle asks for, so that a script never runs
 * before the last bundles (the Gogo commands, at the top level) have started.
 */
final class StartLevels {

    private StartLevels() {
    }

    /** @return true once every start level is reached, false if {@code timeoutMillis} passed first */
    static boolean awaitHighest(BundleContext context, long timeoutMillis) throws InterruptedException {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel framework = system.adapt(FrameworkStartLevel.class);
        int highest = Arrays.stream(context.getBundles())
                .mapToInt(bundle -> bundle.adapt(BundleStartLevel.class).getStartLevel())
                .max().orElse(1);
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED && framework.getStartLevel() >= highest) {
                reached.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            // Checked after registering, so a change between the two is not missed.
            return framework.getStartLevel() >= highest || reached.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            context.removeFrameworkListener(listener);
        }
    }
}
