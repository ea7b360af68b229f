package org.nicmanager.host.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.nicmanager.host.launcher.scenario.Interval;
import org.nicmanager.host.launcher.scenario.Intervals;
import org.nicmanager.host.launcher.scenario.Recording;
import org.nicmanager.host.launcher.scenario.ScenarioChart;
import org.nicmanager.host.launcher.scenario.ScenarioCsv;
import org.nicmanager.host.launcher.scenario.ScenarioRecorder;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A {@code --script} run: the script's commands with progress for long runs and, when asked ({@code --record} or
 * {@code --out}), the scenario's time series ({@code NAME.csv}), its events ({@code NAME-events.csv}) and its chart
 * ({@code NAME.png}) in the {@code --out} folder ({@link ScenarioOutputs}). Nothing is written when nothing was there
 * to record (no NIC and no VM).
 */
final class ScenarioRun {

    private static final long SERVICE_TIMEOUT_SECONDS = 10;

    private final BundleContext context;
    private final CommandProcessor processor;
    private final CommandConsole console;
    private final LaunchOptions options;
    private final PrintStream out;
    private final PrintStream err;

    ScenarioRun(BundleContext context, CommandProcessor processor, CommandConsole console, LaunchOptions options,
            PrintStream out, PrintStream err) {
        this.context = context;
        this.processor = processor;
        this.console = console;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run(CommandSession session, String scriptName, List<String> lines) throws Exception {
        NetworkWorld world = service(NetworkWorld.class);
        KernelScheduler scheduler = service(KernelScheduler.class);
        if (!options.record()) {
            ScriptRunner runner = new ScriptRunner(console, session, out, err);
            try (Progress progress = new Progress(runner, ScriptRunner.countCommands(lines), scheduler::nanoTime,
                    err)) {
                return runner.run(scriptName, lines);
            }
        }
        ScenarioRecorder recorder = new ScenarioRecorder(context, world, scheduler, service(NicInventory.class),
                service(EventAdmin.class), processor, options.sampleNanos());
        ScriptRunner runner = new ScriptRunner(console, session, out, err, new SteppedAdvance(world, recorder,
                options.sampleNanos()));
        int status;
        try (Progress progress = new Progress(runner, ScriptRunner.countCommands(lines), scheduler::nanoTime, err);
                RealTimeSampler sampler = new RealTimeSampler(world, recorder, options.sampleNanos(), err)) {
            status = runner.run(scriptName, lines);
        }
        write(ScenarioOutputs.baseName(scriptName), ScenarioOutputs.of(options), recorder.finish());
        return status;
    }

    private void write(String name, ScenarioOutputs files, Recording recording) {
        if (recording.isEmpty()) {
            return;
        }
        Path folder = Path.of(options.outDirectory());
        Path csv = files.csv();
        Path events = files.events();
        Path png = files.png();
        try {
            Files.createDirectories(folder);
            List<Interval> intervals = Intervals.of(recording.start(), recording.samples());
            ScenarioCsv.write(csv, intervals);
            ScenarioCsv.writeEvents(events, recording.markers());
            ScenarioChart.write(png, name, intervals, recording.markers());
            err.println("scenario: wrote " + csv + ", " + events + " and " + png);
        } catch (IOException | RuntimeException failed) {
            err.println("error: could not write the scenario's files in '" + folder + "': " + failed.getMessage());
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_TIMEOUT_SECONDS));
            if (service == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " service within "
                        + SERVICE_TIMEOUT_SECONDS + " s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }
}
