package org.nicmanager.operator.web;

import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

/**
 * Logs refused and failed requests, at most {@value #LINES_PER_WINDOW} lines a minute, so that a flood of bad
 * requests cannot flood the log: what is left out is counted and said on the next line that is written. Every value
 * that came with a request is cut to length by the caller ({@link LogText}); the log's layout escapes it.
 */
final class RefusalLog {

    static final int LINES_PER_WINDOW = 20;
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final Logger logger;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int linesInWindow;
    private long suppressed;

    /** @param nanoTime a monotonic clock (the HTTP threads' own time; this is not the frame path) */
    RefusalLog(Logger logger, LongSupplier nanoTime) {
        this.logger = logger;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** A refused request: a warning. */
    synchronized void refused(String line) {
        String written = admit(line);
        if (written != null) {
            logger.warn(written);
        }
    }

    /** A request that failed inside the host: an error, with its stack only for the first of a window. */
    synchronized void failed(String line, Throwable failure) {
        String written = admit(line);
        if (written != null) {
            if (linesInWindow == 1) {
                logger.error(written, failure);
            } else {
                logger.error(written);
            }
        }
    }

    /** The line to write, with a count of those left out before it; null to leave this one out. */
    private String admit(String line) {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= LINES_PER_WINDOW) {
            suppressed++;
            return null;
        }
        linesInWindow++;
        String written = suppressed == 0 ? line : line + " (" + suppressed + " more left out of the log before this)";
        suppressed = 0;
        return written;
    }
}
