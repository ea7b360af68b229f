package org.nicmanager.itests;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A host started from the exported jar as an operator starts it, in real time, with its interactive shell at our end
 * of a pipe: commands are typed, and the lines it prints are read back. Closing it ends the input (Ctrl-D).
 */
final class DemoHostProcess implements AutoCloseable {

    static final File JAR = new File(RunDescriptor.WORKSPACE, "run/target/nicmgr.jar");
    private static final String PROMPT = "g! ";
    private static final long EXIT_SECONDS = Patience.SECONDS;

    private final Process process;
    /** The host's own {@code java.io.tmpdir}. */
    private final Path temporaryFolder;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();
    private final BlockingQueue<String> errorLines = new LinkedBlockingQueue<>();

    /** @param jvmOptions e.g. {@code -Dx=y}; {@code launcherOptions} as typed after the jar */
    DemoHostProcess(List<String> jvmOptions, List<String> launcherOptions) throws IOException {
        this(new File("."), jvmOptions, launcherOptions);
    }

    /** A host started in {@code directory}, where it finds its {@code conf/}. */
    DemoHostProcess(File directory, List<String> jvmOptions, List<String> launcherOptions) throws IOException {
        this(directory, jvmOptions, launcherOptions, false);
    }

    /** @param inputFromNullDevice standard input from {@code /dev/null}, as systemd and containers give it */
    DemoHostProcess(File directory, List<String> jvmOptions, List<String> launcherOptions,
            boolean inputFromNullDevice) throws IOException {
        this(List.of(), directory, jvmOptions, launcherOptions, inputFromNullDevice);
    }

    /**
     * A host whose {@code java} is started through {@code launcherPrefix}, e.g. {@code setpriv ...} to start it with
     * fewer capabilities.
     */
    static DemoHostProcess startedThrough(List<String> launcherPrefix, List<String> launcherOptions)
            throws IOException {
        return new DemoHostProcess(launcherPrefix, new File("."), List.of(), launcherOptions, false);
    }

    private DemoHostProcess(List<String> launcherPrefix, File directory, List<String> jvmOptions,
            List<String> launcherOptions, boolean inputFromNullDevice) throws IOException {
        temporaryFolder = Files.createTempDirectory("nicmgr-host-");
        List<String> command = new ArrayList<>(launcherPrefix);
        command.add("java");
        // The exported jar unpacks its launcher's jars into the temporary folder, and a host that is killed leaves
        // them there: each host gets a folder of its own, removed when the host is closed.
        command.add("-Djava.io.tmpdir=" + temporaryFolder);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.getAbsolutePath()));
        command.addAll(launcherOptions);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory);
        if (inputFromNullDevice) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        process = builder.start();
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        drain("stdout", new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                line -> {
                    String text = line;
                    while (text.startsWith(PROMPT)) {
                        text = text.substring(PROMPT.length());
                    }
                    lines.add(text);
                });
        drain("stderr", new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> {
                    errors.append(line).append('\n');
                    errorLines.add(line);
                });
    }

    private static void drain(String name, BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                // the host ended
            }
        }, "demo-host-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The first line printed from now on that matches, or a failure naming what the host said. */
    String awaitLine(Predicate<String> wanted, long timeoutSeconds, String what) throws InterruptedException {
        return await(lines, wanted, timeoutSeconds, what);
    }

    /** The first line on standard error (the log) not yet awaited that matches, or a failure. */
    String awaitErrorLine(Predicate<String> wanted, long timeoutSeconds, String what) throws InterruptedException {
        return await(errorLines, wanted, timeoutSeconds, what);
    }

    private String await(BlockingQueue<String> queue, Predicate<String> wanted, long timeoutSeconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long leftMillis;
        while ((leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
            String line = queue.poll(leftMillis, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no " + what + " within " + timeoutSeconds + " s; stderr:\n" + errors);
    }

    /** The dashboard's address from the banner, e.g. {@code http://localhost:41234/dashboard/}. */
    String dashboard() throws InterruptedException {
        String banner = awaitLine(line -> line.startsWith("Dashboard: http"), Patience.SECONDS, "dashboard banner");
        return banner.substring("Dashboard: ".length()).split("\\s+")[0];
    }

    void type(String command) throws IOException {
        input.write(command + "\n");
        input.flush();
    }

    /** Types a {@code --json} command and returns its document (the next line starting with {@code {"field"}). */
    JsonObject json(String command, String firstField) throws Exception {
        type(command);
        String line = awaitLine(text -> text.startsWith("{\"" + firstField + "\""), Patience.SECONDS,
                "answer to " + command);
        return JsonParser.parseString(line).getAsJsonObject();
    }

    /** Lines printed from now on until (and without) the one that matches {@code end}. */
    List<String> linesUntil(Predicate<String> end, long timeoutSeconds) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        awaitLine(line -> {
            if (end.test(line)) {
                return true;
            }
            seen.add(line);
            return false;
        }, timeoutSeconds, "end of output");
        return seen;
    }

    String errors() {
        return errors.toString();
    }

    /** Ends the input, as Ctrl-D does, and leaves the host running. */
    void closeInput() throws IOException {
        input.close();
    }

    /** Ends the input as Ctrl-D does and returns the exit code. */
    int exit() throws InterruptedException {
        try {
            input.close();
        } catch (IOException alreadyGone) {
            // it ended on its own
        }
        if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the host did not exit within " + EXIT_SECONDS + " s of the end of its input");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as systemd and {@code kill} do, and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        if (!process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the host did not exit within " + EXIT_SECONDS + " s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Stops a host that is still running (a failed test); its pipes close with it. Removes its temporary folder. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
            if (!Files.exists(temporaryFolder)) {
                return; // closed before
            }
            try (Stream<Path> inside = Files.walk(temporaryFolder)) {
                for (Path path : inside.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException | InterruptedException cannotRemove) {
            throw new AssertionError("cannot remove the host's temporary folder " + temporaryFolder, cannotRemove);
        }
    }
}
