package org.nicmanager.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A helper program a test starts (iperf3, a python script): its output, standard error merged, is read line by line
 * on a thread of its own, so that the test can wait for a line ("listening") with a bound instead of sleeping, and can
 * write lines to its input. {@link #close} ends it by its own process id if it is still running.
 */
final class ToolProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    ToolProcess(List<String> command) throws IOException {
        name = String.join(" ", command);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = new Thread(this::read, "tool " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                lines.add(line);
            }
        } catch (IOException ended) {
            // the process ended
        }
    }

    /** The first line not yet awaited that matches, or a failure naming the program and what it printed. */
    String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        long leftMillis;
        while ((leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
            String line = lines.poll(Math.min(leftMillis, 200), TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !process.isAlive() && !reader.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no " + what + " from " + name + "; it printed:\n" + output);
    }

    /** Forgets the lines printed so far, so that the next {@link #awaitLine} sees only what comes after. */
    void forgetPrinted() {
        lines.clear();
    }

    void writeLine(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /** Waits for the program to end and answers its whole output; fails when it does not end or ends with an error. */
    String finish() throws InterruptedException {
        if (!process.waitFor(Patience.SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not end within " + Patience.SECONDS + " s; it printed:\n" + output);
        }
        reader.join(TimeUnit.SECONDS.toMillis(Patience.SECONDS));
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " failed (" + process.exitValue() + "):\n" + output);
        }
        return output.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
