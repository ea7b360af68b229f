package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher contract of COMMANDS.md, tested on the exported jar as an operator runs it. */
class LauncherTest {

    private static final File JAR = new File(RunDescriptor.WORKSPACE, "run/target/nicmgr.jar");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path work;

    record Outcome(int exitCode, String out, String err) {
    }

    /** Runs the jar; arguments starting with -D are JVM options, the rest go to the launcher. */
    private Outcome launch(String java, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        List.of(args).stream().filter(arg -> arg.startsWith("-D")).forEach(command::add);
        command.addAll(List.of("-jar", JAR.getAbsolutePath()));
        List.of(args).stream().filter(arg -> !arg.startsWith("-D")).forEach(command::add);
        Process process = new ProcessBuilder(command).directory(work.toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(process.waitFor(Patience.SECONDS, TimeUnit.SECONDS),
                "the host did not exit within " + Patience.SECONDS + " s");
        return new Outcome(process.exitValue(), out.get(), err.get());
    }

    private Outcome script(String text, String... options) throws Exception {
        Path file = work.resolve("test.gogo");
        Files.writeString(file, text);
        List<String> args = new ArrayList<>(List.of("--script", file.toString()));
        args.addAll(List.of(options));
        return launch("java", "", args.toArray(new String[0]));
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    @Test
    void aScriptRunsOnTheVirtualClockAndPrintsEachResult() throws Exception {
        Outcome outcome = script("# comments and blank lines are skipped\n\nkernel:info\nkernel:advance 10s\n"
                + "kernel:info --json\n");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("clock            VIRTUAL"), outcome.out());
        assertTrue(outcome.out().contains("nowNanos     10000000000"), outcome.out());
        assertTrue(outcome.out().contains("now          10s"), outcome.out());
        assertTrue(outcome.out().contains("{\"clock\":\"VIRTUAL\",\"nowNanos\":10000000000,"), outcome.out());
    }

    @Test
    void anUnknownCommandStopsTheScriptWithExitOneAndNamesIt() throws Exception {
        Outcome outcome = script("kernel:info\nkernel:nope 3\nkernel:advance 1s\n");
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("test.gogo:2: kernel:nope 3"), outcome.err());
        assertTrue(outcome.err().contains("error: unknown command 'kernel:nope'; kernel: has advance, info"),
                outcome.err());
        assertFalse(outcome.out().contains("now          1s"), "the script went on after the failure");
    }

    @Test
    void aScriptBuildsSimulatedHardwareAndStopsAtARefusedCommand() throws Exception {
        Outcome outcome = script("hw:switch add swA --ports 4\n"
                + "hw:nic add vmnic0 --model e1000 --switch swA\n"
                + "hw:unplug vmnic0\n"
                + "nic:list --json\n"
                + "hw:nic add vmnic1 --model e1000 --switch swNowhere\n"
                + "nic:list\n");
        assertEquals(1, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("attachment  swA/1"), outcome.out());
        assertTrue(outcome.out().contains("{\"nics\":[{\"name\":\"vmnic0\",\"driver\":\"e1000sim\","
                + "\"speedBps\":1000000000,\"state\":\"DOWN\",\"bond\":null,"), outcome.out());
        assertTrue(outcome.err().contains("test.gogo:5: hw:nic add vmnic1 --model e1000 --switch swNowhere"),
                outcome.err());
        assertTrue(outcome.err().contains("error: unknown switch 'swNowhere'; switches: swA"), outcome.err());
        assertFalse(outcome.err().contains("Exception"), "a refusal shows no stack trace: " + outcome.err());
    }

    @Test
    void theRealClockRefusesToAdvance() throws Exception {
        Outcome outcome = script("kernel:info\nkernel:advance 1s\n", "--clock", "real");
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.out().contains("clock            REAL"), outcome.out());
        assertTrue(outcome.err().contains("kernel:advance needs the virtual clock"), outcome.err());
    }

    @Test
    void aMissingScriptAndABadOptionAreRefusedClearly() throws Exception {
        Outcome missing = launch("java", "", "--script", "no-such.gogo");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("script file 'no-such.gogo' does not exist"), missing.err());

        Outcome badOption = launch("java", "", "--clock", "sundial");
        assertEquals(2, badOption.exitCode());
        assertTrue(badOption.err().contains("unknown clock 'sundial'; allowed: real, virtual"), badOption.err());
        assertTrue(badOption.err().contains("usage:"), badOption.err());
    }

    @Test
    void helpPrintsTheUsageAndNothingElse() throws Exception {
        // Before the fix, --help turned on HTTP and returned at once: Jetty (and Gogo's start-up job) then started
        // while the framework stopped, and printed "Invalid BundleContext" or "Command not found: gosh" traces.
        Outcome help = launch("java", "", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("usage: java -jar nicmgr.jar"), help.out());
        assertTrue(help.out().contains("--no-console"), help.out());
        assertEquals("", help.err(), "nothing but the usage");
    }

    @Test
    void aScriptRunWritesNoFileUnlessAsked() throws Exception {
        Files.writeString(work.resolve("setup.gogo"),
                "hw:switch add swA\nhw:nic add vmnic0 --model e1000 --switch swA\nkernel:advance 1s\n");
        Outcome plain = launch("java", "", "--script", "setup.gogo");
        assertEquals(0, plain.exitCode(), plain.err());
        try (var files = Files.list(work)) {
            assertEquals(List.of("setup.gogo"), files.map(file -> file.getFileName().toString()).toList(),
                    "the current folder is left as it was");
        }
        Outcome recorded = launch("java", "", "--script", "setup.gogo", "--record");
        assertEquals(0, recorded.exitCode(), recorded.err());
        assertTrue(Files.exists(work.resolve("setup.csv")) && Files.exists(work.resolve("setup-events.csv"))
                && Files.exists(work.resolve("setup.png")), recorded.err());
    }

    @Test
    void aRunThatWouldOverwriteItsScriptOrSampleOutsideNetStatsIsRefusedBeforeItStarts() throws Exception {
        Path script = Files.writeString(work.resolve("run.csv"), "hw:switch add swA\n");
        Outcome overwrite = launch("java", "", "--script", "run.csv", "--out", ".");
        assertEquals(2, overwrite.exitCode(), overwrite.err());
        assertTrue(overwrite.err().contains("error: the run would write its output ./run.csv over its input run.csv"),
                overwrite.err());
        assertEquals("hw:switch add swA\n", Files.readString(script), "the script is untouched");

        Files.writeString(work.resolve("vm.gogo"), "vm:create web\nkernel:advance 1s\n");
        Outcome sample = launch("java", "", "--script", "vm.gogo", "--sample", "5ms");
        assertEquals(2, sample.exitCode(), "refused before the run, not exit 127 at its first VM: " + sample.err());
        assertTrue(sample.err().contains("error: bad --sample '5ms': 10ms..64s"), sample.err());
        assertTrue(sample.err().contains("usage:"), sample.err());
    }

    @Test
    void aStateFolderOthersCanWriteIsRefused() throws Exception {
        Path shared = Files.createDirectory(work.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Outcome refused = script("bond:list\n", "--state", shared.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("error: bad --state '" + shared + "': group or others can write it"
                + " (rwxrwxrwx)"), refused.err());
        try (var files = Files.list(shared)) {
            assertEquals(0, files.count(), "nothing written into a refused folder");
        }
    }

    @Test
    void theInteractiveShellRunsOnTheRealClockAndExitsAtEndOfInput() throws Exception {
        Outcome outcome = launch("java", "kernel:info\n");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("g! "), outcome.out());
        assertTrue(outcome.out().contains("clock            REAL"), outcome.out());
    }

    @Test
    void theInteractiveShellReadsUtf8AndAnswersAWrongUseWithTheUsage() throws Exception {
        Outcome outcome = launch("java", "echo é\nvm:create é\nbond:show\nbond:create b1 --policy\nkernel:info\n");
        assertEquals(0, outcome.exitCode(), "the last line succeeded: " + outcome.err());
        assertTrue(outcome.out().contains("g! é\n"), "typed é comes back as é: " + outcome.out());
        assertTrue(outcome.err().contains("bad VM name 'é'"), outcome.err());
        assertTrue(outcome.err().contains("error: bond:show: missing BOND (the bond)\nusage: bond:show [--json] BOND"),
                outcome.err());
        assertTrue(outcome.err().contains("error: bond:create: option --policy needs a value"), outcome.err());
        assertFalse(outcome.err().contains("Cannot coerce"), outcome.err());
        assertTrue(outcome.out().contains("clock            REAL"), "the host still answers: " + outcome.out());
    }

    @Test
    void aScriptsWrongUseIsAnsweredWithTheCommandsUsageAfterItsLocation() throws Exception {
        Outcome outcome = script("kernel:info\nbond:show a b\n");
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("test.gogo:2: bond:show a b\nerror: bond:show: unexpected word 'b': it takes"
                + " one argument\nusage: bond:show [--json] BOND"), outcome.err());
    }

    @Test
    void osgiLogServiceEntriesReachLogback() throws Exception {
        Path file = work.resolve("log.gogo");
        Files.writeString(file, "kernel:info\n");
        // The kernel logs its start through the OSGi Log Service; at INFO, logback prints it on standard error.
        Outcome outcome = launch("java", "", "-Dnicmgr.log.level=INFO", "--script", file.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.err().contains("INFO  [org.nicmanager.kernel.core.Kernel] network world started on the"
                + " VIRTUAL clock"), outcome.err());
    }

    @Test
    void theStateDirectoryKeepsBondsVmsAndAllocationsAcrossRestarts() throws Exception {
        Outcome first = script("hw:switch add swA --ports 8\n"
                + "hw:nic add vmnic0 --model e1000 --switch swA\n"
                + "hw:nic add vmnic1 --model e1000 --switch swA\n"
                + "bond:create bond0 --policy failover-order\n"
                + "bond:add bond0 vmnic0 vmnic1\n"
                + "vm:create web1 --priority 8\n"
                + "vm:create db1\n"
                + "net:alloc web1 --shares 3000 --limit 500Mbps\n"
                + "vm:delete db1\n", "--state", "state", "--no-record");
        assertEquals(0, first.exitCode(), first.err());

        Outcome restarted = script("bond:list\nvm:list\nnet:show web1\n", "--state", "state", "--no-record");
        assertEquals(0, restarted.exitCode(), restarted.err());
        assertTrue(restarted.out().contains("bond0  failover-order  2        1"),
                "the bond and its members (the simulated cards were kept too), one of them active: "
                        + restarted.out());
        assertTrue(restarted.out().contains("web1  STOPPED  8"), restarted.out());
        assertFalse(restarted.out().contains("db1"), "a VM deleted before the restart stays deleted");
        assertTrue(restarted.out().contains("shares       3000"), restarted.out());
        assertTrue(restarted.out().contains("limit        500Mbps"), restarted.out());

        Outcome withoutState = script("bond:list\n", "--no-record");
        assertEquals(0, withoutState.exitCode(), withoutState.err());
        assertFalse(withoutState.out().contains("bond0"), "without --state a host starts clean");

        Files.writeString(work.resolve("a-file"), "");
        Outcome notADirectory = script("bond:list\n", "--state", "a-file");
        assertEquals(2, notADirectory.exitCode());
        assertTrue(notADirectory.err().contains("bad --state 'a-file': it is a file; a directory is needed"),
                notADirectory.err());
    }

    /** An interactive host with nothing built (no demo), its dashboard on any free port. */
    private static final List<String> BARE = List.of("--bare", "--http-port", "0");

    @Test
    void aCommandWritesItsChangeBackIntoTheConfFileTheBondCameFrom() throws Exception {
        Path conf = Files.createDirectories(work.resolve("conf"));
        Path bondFile = conf.resolve("org.nicmanager.bond-bond0.cfg");
        Files.writeString(bondFile, "# rack 4's uplinks\nname = bond0\npolicy = failover-order\n");
        try (WatchService changes = conf.getFileSystem().newWatchService()) {
            conf.register(changes, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            try (DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(), BARE)) {
                assertEquals("failover-order", host.json("bond:show bond0 --json", "name").get("policy")
                        .getAsString());
                host.type("bond:policy bond0 hash-l2");
                awaitFile(changes, bondFile, text -> text.contains("hash-l2"), "the new policy in the file");
                assertEquals(0, host.exit(), host.errors());
            }
            String written = Files.readString(bondFile);
            assertTrue(written.startsWith("# rack 4's uplinks"), "the operator's comment is kept: " + written);
            assertFalse(written.contains("failover-order"), written);

            try (DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(), BARE)) {
                assertEquals("hash-l2", host.json("bond:show bond0 --json", "name").get("policy").getAsString(),
                        "the next start reads the changed file: " + Files.readString(bondFile));
                host.type("bond:delete bond0");
                awaitFile(changes, bondFile, text -> text == null, "the deleted bond's file gone");
                assertEquals(0, host.exit(), host.errors());
            }
        }
    }

    /** Waits until the file's text (null when there is no file) satisfies; FileInstall writes on its own thread. */
    private static void awaitFile(WatchService changes, Path file, Predicate<String> wanted, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        while (!wanted.test(Files.exists(file) ? Files.readString(file) : null)) {
            WatchKey changed = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (changed == null) {
                throw new AssertionError("no " + what + " within 20 s; the file: "
                        + (Files.exists(file) ? Files.readString(file) : "(none)"));
            }
            changed.pollEvents();
            changed.reset();
        }
    }

    @Test
    void theJarAlsoRunsOnJdk25() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_25), "no JDK 25 at " + JDK_25);
        Path file = work.resolve("jdk25.gogo");
        Files.writeString(file, "kernel:advance 1s\n");
        Outcome outcome = launch(JDK_25.toString(), "", "--script", file.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("now          1s"), outcome.out());
    }
}
