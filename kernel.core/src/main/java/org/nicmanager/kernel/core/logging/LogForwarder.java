package org.nicmanager.kernel.core.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards OSGi Log Service entries (the framework, SCR, ConfigAdmin and our own components log there) to slf4j and
 * so to logback, where they are filtered and printed like every other log line.
 *
 * <p>Entries logged before this component started are replayed once from the log reader's history, then live ones
 * follow, all in order, on one forwarding thread of its own. That thread also pays for logback's start-up (parsing
 * logback.xml), so the host's start does not wait for it, and no thread that logs ever waits for logback.
 */
@Component(immediate = true)
public final class LogForwarder implements LogListener {

    /** Logger name the Log Service gives entries logged through the old LogService API. */
    private static final String LEGACY_LOGGER = "LogService";
    /** Tells the forwarding thread to finish. */
    private static final Object STOP = new Object();

    private final LogReaderService reader;
    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final Thread forwarder = new Thread(this::forwardUntilStopped, "nicmgr-log-forwarder");
    private final long replayedUpTo;

    @Activate
    public LogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        synchronized (this) {
            // Registered first, so nothing logged from now on is missed; entries the history also holds are
            // recognised by their sequence number and skipped.
            reader.addLogListener(this);
            List<LogEntry> history = new ArrayList<>();
            Enumeration<LogEntry> newestFirst = reader.getLog();
            while (newestFirst.hasMoreElements()) {
                history.add(newestFirst.nextElement());
            }
            Collections.reverse(history);
            pending.addAll(history);
            replayedUpTo = history.isEmpty() ? Long.MIN_VALUE : history.get(history.size() - 1).getSequence();
        }
        forwarder.setDaemon(true);
        forwarder.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        reader.removeLogListener(this);
        pending.add(STOP);
        forwarder.join();
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() > replayedUpTo) {
            pending.add(entry);
        }
    }

    private void forwardUntilStopped() {
        try {
            for (Object next = pending.take(); next != STOP; next = pending.take()) {
                forward((LogEntry) next);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static String loggerName(LogEntry entry) {
        String name = entry.getLoggerName();
        if (name == null || name.isEmpty() || LEGACY_LOGGER.equals(name)) {
            return entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
        }
        return name;
    }

    private static void forward(LogEntry entry) {
        Logger logger = LoggerFactory.getLogger(loggerName(entry));
        String message = entry.getMessage();
        Throwable failure = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            default -> logger.trace(message, failure);
        }
    }
}
