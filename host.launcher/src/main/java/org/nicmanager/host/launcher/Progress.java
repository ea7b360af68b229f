package org.nicmanager.host.launcher;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a long {@code --script} run, on the error stream every {@value #EVERY_SECONDS} s of wall-clock time (a
 * short run prints none): the line running and the kernel time reached. The only wall-clock timer of the host; it reads
 * the kernel's clock and the runner's position, nothing else.
 */
final class Progress implements AutoCloseable {

    static final long EVERY_SECONDS = 2;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "nicmgr-script-progress");
        thread.setDaemon(true);
        return thread;
    });

    Progress(ScriptRunner runner, int commands, LongSupplier kernelNanos, PrintStream err) {
        ticker.scheduleAtFixedRate(() -> err.println(String.format(Locale.ROOT,
                "progress: command %d of %d (%s), kernel time %.1f s", runner.commandNumber(), commands,
                runner.currentCommand(), kernelNanos.getAsLong() / 1e9)), EVERY_SECONDS, EVERY_SECONDS,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
