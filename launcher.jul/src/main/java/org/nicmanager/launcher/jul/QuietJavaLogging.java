package org.nicmanager.launcher.jul;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Runs on the bnd launcher's class path before any bundle starts (an "embedded activator"). Some libraries, SPI Fly
 * among them, log through java.util.logging, whose default console prints INFO lines on standard error before logback
 * exists. The host shows only warnings and errors from java.util.logging, as logback.xml does for everything else.
 */
public final class QuietJavaLogging implements BundleActivator {

    /** Held so the configured root logger cannot be collected and reset. */
    private Logger root;

    @Override
    public void start(BundleContext context) {
        root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }

    @Override
    public void stop(BundleContext context) {
        root = null;
    }
}
