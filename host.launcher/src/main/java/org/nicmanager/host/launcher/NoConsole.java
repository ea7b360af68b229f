package org.nicmanager.host.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A host without a console ({@code --no-console}, or standard input from {@code /dev/null}, as under systemd, in a
 * container or started with {@code &} from a script): it reads no commands and runs until {@code SIGTERM} or
 * {@code SIGINT} ({@link StopSignals}), or until the framework stops by other means.
 */
final class NoConsole implements AutoCloseable {

    private static final Path STANDARD_INPUT = Path.of("/dev/stdin");
    private static final Path NULL_DEVICE = Path.of("/dev/null");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StopSignals signals;

    /** Takes over the stop signals from now on, so that one received while the host still starts also stops it. */
    NoConsole() {
        signals = new StopSignals(this::stop);
    }

    /**
     * Whether standard input is the null device: a console there would read end of input at once and stop the host,
     * so such a host runs without one. False where the system has no {@code /dev/stdin} (the option then decides).
     */
    static boolean inputIsNullDevice() {
        if (!Files.exists(STANDARD_INPUT) || !Files.exists(NULL_DEVICE)) {
            return false;
        }
        try {
            return Files.isSameFile(STANDARD_INPUT, NULL_DEVICE);
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot tell whether standard input is /dev/null: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    /** Blocks until a stop signal comes or {@link #stop} is called. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Lets {@link #awaitStop} return; called by a signal, or as the host's component goes away. */
    void stop() {
        stopped.countDown();
    }

    /** Gives the signals back to the JVM: a second one during a slow stop ends the process the usual way. */
    @Override
    public void close() {
        signals.close();
    }
}
