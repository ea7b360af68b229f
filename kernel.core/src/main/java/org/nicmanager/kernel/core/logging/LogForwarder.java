package org.nicmanager.kernel.core.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

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
 * so to logback, where they are filtered and printed like every other log line. Entries logged before this component
 * started are replayed from the log reader's history once, in order.
 */
@Component(immediate = true)
public final class LogForwarder implements LogListener {

    /** Logger name the Log Service gives entries logged through the old LogService API. */
    private static final String LEGACY_LOGGER = "LogService";

    private final LogReaderService reader;
    private long replayedUpTo = Long.MIN_VALUE;

    @Activate
    public LogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        synchronized (this) {
            // Live entries wait on this lock until the history is replayed, then skip what the replay covered.
            reader.addLogListener(this);
            List<LogEntry> history = new ArrayList<>();
            Enumeration<LogEntry> newestFirst = reader.getLog();
            while (newestFirst.hasMoreElements()) {
                history.add(newestFirst.nextElement());
            }
            Collections.reverse(history);
            for (LogEntry entry : history) {
                forward(entry);
                replayedUpTo = Math.max(replayedUpTo, entry.getSequence());
            }
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() > replayedUpTo) {
            forward(entry);
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
