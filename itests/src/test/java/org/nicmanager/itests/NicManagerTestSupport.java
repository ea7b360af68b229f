package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.After;
import org.junit.runner.RunWith;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.FrameBuilder;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The shared base of every in-framework test: a Felix framework (Pax Exam's native container) provisioned with the
 * bundles, start levels and framework properties of the host's own run descriptor, one framework per test class.
 * Helpers run shell commands as an operator would and wait for services without sleeping.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class NicManagerTestSupport {

    /** Longest wait for a service or an event, so that a test fails instead of hanging ({@link Patience}). */
    protected static final long WAIT_SECONDS = Patience.SECONDS;

    /** Framework property listing the run descriptor's bundle symbolic names, comma-separated. */
    protected static final String RUN_BUNDLES_PROPERTY = "nicmgr.test.runbundles";

    @Inject
    protected BundleContext context;

    private final List<Path> temporaryFolders = new ArrayList<>();

    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        options.add(junitBundles());
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        RunDescriptor.runProperties().forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
        Map<String, Integer> levels = RunDescriptor.runBundles();
        Map<String, File> jars = RunDescriptor.exportedJars();
        for (String name : jars.keySet()) {
            if (!levels.containsKey(name)) {
                throw new IllegalStateException(name + " was exported but is not in " + RunDescriptor.BNDRUN);
            }
        }
        // Installed in the run descriptor's start order, so that bundles sharing a level start in that order too.
        jars.entrySet().stream().sorted(Comparator.comparing(jar -> levels.get(jar.getKey())))
                .forEach(jar -> options.add(bundle(jar.getValue().toURI().toString())
                        .startLevel(testStartLevel(levels.get(jar.getKey())))
                        .start(!RunDescriptor.isFragment(jar.getValue()))));
        options.add(frameworkStartLevel(Collections.max(levels.values())));
        // What the run descriptor lists, for the tests inside the framework (which cannot read it with bndlib).
        options.add(frameworkProperty(RUN_BUNDLES_PROPERTY).value(String.join(",", levels.keySet())));
        options.addAll(extraOptions());
        return options.toArray(new Option[0]);
    }

    /**
     * The run descriptor's start level, except that the logging stack (SPI Fly and ASM at 2, slf4j and logback at 3)
     * starts at 1: Pax Exam's own bundles start at 2 and log through slf4j, and slf4j binds for good to whatever
     * provider is registered the first time it is used, which must already be logback.
     */
    private static int testStartLevel(int runLevel) {
        return runLevel <= LAST_LOGGING_START_LEVEL ? 1 : runLevel;
    }

    private static final int LAST_LOGGING_START_LEVEL = 3;

    /** More options for one test class. */
    protected List<Option> extraOptions() {
        return List.of();
    }

    /**
     * test.support is a plain jar for unit tests; a test class that needs its fake NIC or frame builder inside the
     * framework adds this small bundle made of them in {@link #extraOptions()}. It exports the package to the tests
     * alone: no bundle of the run imports it.
     */
    protected static Option testSupportBundle() {
        return streamBundle(TinyBundles.bundle().symbolicName("test.support").addClass(FakeNic.class)
                .addClass(FrameBuilder.class).setHeader(Constants.EXPORT_PACKAGE, FakeNic.class.getPackageName())
                .build(TinyBundles.bndBuilder()));
    }

    /** A new empty temporary folder, removed with all it holds after the test, passed or failed. */
    protected Path temporaryFolder(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        temporaryFolders.add(folder);
        return folder;
    }

    @After
    public void removeTemporaryFolders() throws IOException {
        for (Path folder : temporaryFolders) {
            try (var contents = Files.walk(folder)) { // links are removed, never followed
                for (Path path : contents.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        temporaryFolders.clear();
    }

    /** Waits for a service matching an LDAP filter, or fails the test. */
    protected <T> T awaitService(Class<T> type, String filter) throws InterruptedException, InvalidSyntaxException {
        String full = filter == null ? "(objectClass=" + type.getName() + ")"
                : "(&(objectClass=" + type.getName() + ")" + filter + ")";
        return type.cast(await(full, false));
    }

    /**
     * Waits for any service matching a complete LDAP filter, or fails the test; for services whose type the test
     * cannot load, such as a bundle's private ones.
     */
    protected Object awaitMatching(String filter) throws InterruptedException, InvalidSyntaxException {
        return await(filter, true);
    }

    private Object await(String filter, boolean allServices) throws InterruptedException, InvalidSyntaxException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter),
                null);
        tracker.open(allServices);
        try {
            Object service = tracker.waitForService(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            if (service == null) {
                throw new AssertionError("no service " + filter + " within " + WAIT_SECONDS + " s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /** Runs one shell command as an operator would and returns what the shell prints. */
    protected String shell(String command) throws Exception {
        CommandProcessor processor = awaitService(CommandProcessor.class, null);
        try (CommandSession session = processor.createSession(System.in, System.out, System.err)) {
            Object result = session.execute(command);
            return result == null ? "" : session.format(result, Converter.INSPECT).toString();
        }
    }

    /**
     * Runs a command that must be refused as an operator's mistake, and checks that what the operator sees of the
     * world ({@code world}, read before and after) did not change; answers the refusal's message.
     */
    protected String refused(String command, Callable<String> world) throws Exception {
        String before = world.call();
        String printed;
        try {
            printed = shell(command);
        } catch (IllegalArgumentException refusal) {
            assertEquals("'" + command + "' was refused but changed the world", before, world.call());
            return refusal.getMessage();
        }
        throw new AssertionError("'" + command + "' was accepted and printed: " + printed);
    }

    /** The first whole number after {@code "key":} in a JSON document. */
    protected static long number(String json, String key) {
        return Long.parseLong(field(json, "\"" + key + "\":(\\d+)"));
    }

    /** The first group of {@code regex} in {@code text}; fails the test when it is not there. */
    protected static String field(String text, String regex) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + regex + " in " + text);
        }
        return matcher.group(1);
    }

    /** A state a test waits for. */
    protected interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Advances virtual time a millisecond at a time until {@code condition} holds, for frames that cross threads of
     * their own on the way (a real back end's); fails after {@code maxSteps} steps, naming {@code what} and giving
     * {@code state} as it is then.
     */
    protected void advanceUntil(Condition condition, String what, int maxSteps, Callable<String> state)
            throws Exception {
        for (int steps = 0; !condition.holds(); steps++) {
            if (steps > maxSteps) {
                throw new AssertionError("never: " + what + "; " + state.call());
            }
            shell("kernel:advance 1ms");
        }
    }
}
