package org.nicmanager.host.launcher;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.nicmanager.host.launcher.scenario.ScenarioRecorder;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * On the real clock, time passes by itself: a recorded script's counters are sampled every sampling interval of
 * wall-clock time, from a thread of its own. On the virtual clock it does nothing ({@link SteppedAdvance} samples).
 */
final class RealTimeSampler implements AutoCloseable {

    private final ScheduledExecutorService ticker;

    RealTimeSampler(NetworkWorld world, ScenarioRecorder recorder, long sampleNanos, PrintStream err) {
        if (world.clockMode() != ClockMode.REAL) {
            ticker = null;
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "nicmgr-scenario-sampler");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                recorder.sample();
            } catch (RuntimeException failed) {
                err.println("warning: a scenario sample failed: " + failed.getMessage());
            }
        }, sampleNanos, sampleNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
