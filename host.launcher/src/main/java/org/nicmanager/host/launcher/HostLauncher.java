package org.nicmanager.host.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The host's main thread. The bnd launcher calls it once every bundle has started, and exits with what it returns.
 *
 * <p>It reads the command line from the launcher's service and, before the kernel bundle starts, writes the kernel's
 * configuration (clock mode, seed), so the kernel comes up once, on the right clock, and with {@code --state DIR}
 * gives back the configuration kept there ({@link StateDirectory}). It then runs a script, the interactive Gogo shell,
 * or, for a host without a console ({@link NoConsole}), waits until it is stopped. This component exists only under
 * the launcher; in tests the kernel keeps its defaults.
 */
@Component(immediate = true, service = Callable.class, property = "main.thread=true")
public final class HostLauncher implements Callable<Integer> {

    static final String KERNEL_PID = "org.nicmanager.kernel";
    private static final String LAUNCHER_ARGUMENTS = "launcher.arguments";
    private static final long READY_TIMEOUT_SECONDS = 30;
    private static final int USAGE_ERROR = 2;
    /** The interactive console's prompt, Gogo's. */
    private static final String PROMPT = "g! ";
    /** How long an interactive host waits for its dashboard's listener before showing the prompt without it. */
    private static final long DASHBOARD_TIMEOUT_MILLIS = 5_000;

    private final BundleContext context;
    private final CommandProcessor processor;
    private final LaunchOptions options;
    private final String optionsError;
    /** Keeps the configuration in the {@code --state} directory; null without that option. */
    private StateDirectory state;
    private ServiceRegistration<ConfigurationListener> stateKeeper;
    /** Writes commands' changes back into the conf/ files their configurations came from. */
    private final ConfFileWriteBack confFiles;
    private final ServiceRegistration<ConfigurationListener> confFileKeeper;
    private final Logger logger;
    /** Sees Gogo's start-up job end: the host returns (and the framework stops) only after it. */
    private final ShellStartup shellStartup;
    private final ServiceRegistration<CommandSessionListener> shellStartupKeeper;
    /** Whether this host turned HTTP on: it returns only once the listener has started. */
    private boolean http;
    /** Set while a host without a console waits to be stopped. */
    private volatile NoConsole noConsole;

    @Activate
    public HostLauncher(BundleContext context,
            @Reference(service = Object.class, target = "(" + LAUNCHER_ARGUMENTS + "=*)") Map<String, Object> launcher,
            @Reference ConfigurationAdmin configurations, @Reference CommandProcessor processor,
            @Reference(service = LoggerFactory.class) Logger logger) throws IOException {
        this.context = context;
        this.processor = processor;
        this.logger = logger;
        confFiles = new ConfFileWriteBack(configurations, logger);
        confFileKeeper = context.registerService(ConfigurationListener.class, confFiles, null);
        shellStartup = new ShellStartup(context);
        shellStartupKeeper = context.registerService(CommandSessionListener.class, shellStartup, null);
        LaunchOptions parsed = null;
        String error = null;
        try {
            parsed = LaunchOptions.parse(Arrays.asList((String[]) launcher.get(LAUNCHER_ARGUMENTS)));
            ScenarioOutputs.check(parsed);
            // --help configures nothing: turned on here, HTTP would start while the framework already stops (its
            // bundle context gone), and print Jetty's stack trace after the usage.
            if (!parsed.help()) {
                if (parsed.stateDirectory() != null) { // first: a refused folder leaves everything else unconfigured
                    keepState(context, configurations, logger, parsed.stateDirectory());
                }
                configureKernel(configurations, parsed);
                http = HttpSettings.configure(configurations, context, parsed);
                SshSettings.configure(configurations, parsed);
                ClusterSettings.configure(configurations, parsed);
            }
        } catch (IllegalArgumentException badOption) {
            error = badOption.getMessage();
        }
        this.options = parsed;
        this.optionsError = error;
    }

    private void keepState(BundleContext context, ConfigurationAdmin configurations, Logger logger, String directory) {
        state = new StateDirectory(Path.of(directory), configurations, logger);
        try {
            List<String> restored = state.restore();
            logger.info("restored {} configurations from {}: {}", restored.size(), directory, restored);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("bad --state '" + directory + "': cannot read it ("
                    + unreadable.getMessage() + ")");
        }
        stateKeeper = context.registerService(ConfigurationListener.class, state, null);
    }

    @Deactivate
    void deactivate() {
        shellStartupKeeper.unregister();
        NoConsole headless = noConsole;
        if (headless != null) {
            headless.stop(); // the framework stops by other means: the main thread returns
        }
        confFileKeeper.unregister();
        try {
            confFiles.flush();
        } catch (IOException | RuntimeException failed) {
            logger.error("the conf/ files could not all be brought in step with the configuration: {}",
                    failed.getMessage());
        }
        if (stateKeeper != null) {
            stateKeeper.unregister();
            try {
                state.flush();
            } catch (IOException | RuntimeException failed) {
                logger.error("the configuration could not all be kept in the --state directory: {}",
                        failed.getMessage());
            }
        }
    }

    private static void configureKernel(ConfigurationAdmin configurations, LaunchOptions options) throws IOException {
        Configuration kernel = configurations.getConfiguration(KERNEL_PID, "?");
        Dictionary<String, Object> properties = kernel.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put("clockMode", options.clock().name());
        properties.put("seed", options.seed());
        kernel.updateIfDifferent(properties);
    }

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } finally {
            settle();
        }
    }

    /**
     * Waits for what started on threads of its own to be done starting: the framework stopping under Gogo's start-up
     * job or Jetty's would print their stack traces ({@link ShellStartup}). At once in a host that ran for a while.
     */
    private void settle() throws InterruptedException {
        long timeoutMillis = TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS);
        if (StartLevels.awaitHighest(context, timeoutMillis) && http && DashboardAddress.installed(context)) {
            DashboardAddress.await(context, DASHBOARD_TIMEOUT_MILLIS);
        }
        if (!shellStartup.awaitDone(timeoutMillis)) {
            logger.warn("Gogo's start-up job did not end within {} s; the host stops anyway", READY_TIMEOUT_SECONDS);
        }
    }

    private int run() throws Exception {
        // The console itself: Gogo's runtime has already replaced System.out and System.err with per-thread streams
        // that would write a session's output back into itself.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        InputStream in = new FileInputStream(FileDescriptor.in);
        if (optionsError != null) {
            err.println("error: " + optionsError);
            err.println(LaunchOptions.USAGE);
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.println(LaunchOptions.USAGE);
            return ScriptRunner.SUCCESS;
        }
        if (!options.scripted() && (options.noConsole() || NoConsole.inputIsNullDevice())) {
            try (NoConsole headless = new NoConsole()) {
                noConsole = headless;
                return runWithoutConsole(headless, out, err);
            } finally {
                noConsole = null;
            }
        }
        if (!awaitReady(options.clock())) {
            return notReady(err);
        }
        // Looked up only now: the launcher starts before kernel.core, whose configuration it writes.
        CommandConsole console = service(CommandConsole.class);
        if (console == null) {
            return noConsoleService(err);
        }
        CommandSession session = processor.createSession(in, out, err);
        try {
            if (options.demo() && !DemoHost.build(context, console, session, options.demoScript(), err)) {
                err.println("warning: the demo host is incomplete: a line of its script failed (above)");
            }
            return options.scripted() ? runScript(console, session, out, err) : runInteractive(console, in, out, err);
        } finally {
            session.close();
        }
    }

    /** The host runs, its demo built, until it is stopped: SIGTERM, Ctrl-C, or the framework stopped by other means. */
    private int runWithoutConsole(NoConsole headless, PrintStream out, PrintStream err) throws Exception {
        if (!awaitReady(options.clock())) {
            return notReady(err);
        }
        CommandConsole console = service(CommandConsole.class);
        if (console == null) {
            return noConsoleService(err);
        }
        // The demo's commands read nothing: standard input is not theirs.
        CommandSession session = processor.createSession(InputStream.nullInputStream(), out, err);
        try {
            if (options.demo() && !DemoHost.build(context, console, session, options.demoScript(), err)) {
                err.println("warning: the demo host is incomplete: a line of its script failed (above)");
            }
        } finally {
            session.close();
        }
        out.println("NIC Manager: " + (options.demo() ? "demo" : "bare") + " host on the "
                + options.clock().name().toLowerCase() + " clock, without a console; SIGTERM or Ctrl-C stops it.");
        printDashboard(out);
        headless.awaitStop();
        logger.info("stop signal received: stopping the host");
        return ScriptRunner.SUCCESS;
    }

    private int runScript(CommandConsole console, CommandSession session, PrintStream out, PrintStream err)
            throws Exception {
        Path script = Path.of(options.scriptFile());
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            err.println("error: script file '" + options.scriptFile() + "' does not exist");
            return ScriptRunner.FAILURE;
        } catch (IOException unreadable) {
            err.println("error: cannot read script file '" + options.scriptFile() + "': " + unreadable.getMessage());
            return ScriptRunner.FAILURE;
        }
        return new ScenarioRun(context, processor, console, options, out, err).run(session, script.getFileName().toString(),
                lines);
    }

    private int runInteractive(CommandConsole console, InputStream in, PrintStream out, PrintStream err)
            throws InterruptedException {
        out.println("NIC Manager: " + (options.demo() ? "demo" : "bare") + " host on the "
                + options.clock().name().toLowerCase() + " clock. 'help' lists the commands; Ctrl-D leaves.");
        if (options.demo()) {
            out.println("Demo: switches swA and swB; bond0 = vmnic0 + vmnic1 (1 Gb/s each); vmnic2 (100 Mb/s) alone;"
                    + " VMs web, app, batch (priority 8, 5, 2; shares 2000, 1000, 500) sending.");
            out.println("Try: nic:list, bond:show bond0, ops:events, hw:unplug vmnic0 (examples/demo/README.md)");
        }
        printDashboard(out);
        // The console reads UTF-8 and answers a wrong use with the command's usage (Gogo's gosh did neither).
        return console.interact(in, out, err, PROMPT);
    }

    private static int noConsoleService(PrintStream err) {
        err.println("error: the host's command console did not start within " + READY_TIMEOUT_SECONDS
                + " s; see the log above");
        return ScriptRunner.FAILURE;
    }

    private int notReady(PrintStream err) {
        err.println("error: the host did not start within " + READY_TIMEOUT_SECONDS + " s per stage (kernel on the "
                + options.clock().name().toLowerCase() + " clock not found); see the log above");
        return ScriptRunner.FAILURE;
    }

    /** The dashboard's address once it listens, if this host has one. */
    private void printDashboard(PrintStream out) throws InterruptedException {
        if (DashboardAddress.installed(context)) {
            Optional<String> dashboard = DashboardAddress.await(context, DASHBOARD_TIMEOUT_MILLIS);
            out.println(dashboard.map(address -> "Dashboard: " + address + "   Metrics: " + address + "metrics")
                    .orElse("Dashboard: not listening (port taken? see the log; --http-port PORT picks another)"));
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            return tracker.waitForService(TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS));
        } finally {
            tracker.close();
        }
    }

    /** Waits until the framework reached its highest start level and the kernel runs on the requested clock. */
    private boolean awaitReady(ClockMode clock) throws InterruptedException, InvalidSyntaxException {
        long timeoutMillis = TimeUnit.SECONDS.toMillis(READY_TIMEOUT_SECONDS);
        if (!StartLevels.awaitHighest(context, timeoutMillis)) {
            return false;
        }
        Filter kernel = context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + KernelClock.class.getName() + ")("
                + KernelClock.CLOCK_MODE_PROPERTY + "=" + clock.name() + "))");
        ServiceTracker<?, ?> tracker = new ServiceTracker<>(context, kernel, null);
        tracker.open();
        try {
            return tracker.waitForService(timeoutMillis) != null;
        } finally {
            tracker.close();
        }
    }
}
