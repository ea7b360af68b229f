package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host without a console, as systemd, a container or {@code &} in a script start it (README, "Running as a
 * service"): it serves the dashboard and {@code /metrics} until SIGTERM, then stops its bundles in order, writes its
 * state, and exits 0.
 */
class NoConsoleHostTest {

    @TempDir
    Path work;

    @Test
    void aHostWhoseInputIsDevNullServesMetricsUntilSigtermThenExitsZeroWithItsStateWritten() throws Exception {
        Path state = work.resolve("state");
        long sentNanos;
        int exitCode;
        try (DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(),
                List.of("--demo", "--http-port", "0", "--state", state.toString()), true)) {
            host.awaitLine(line -> line.contains("without a console; SIGTERM or Ctrl-C stops it"), Patience.SECONDS,
                    "banner");
            String metrics = get(host.dashboard() + "metrics");
            assertTrue(metrics.contains("nicmgr_bond_failbacks_total{bond=\"bond0\"}"), metrics);

            sentNanos = System.nanoTime();
            exitCode = host.terminate();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentNanos);
            System.out.println("NoConsoleHostTest: SIGTERM to exit took " + stopMillis + " ms");
            assertEquals(0, exitCode, "SIGTERM is an orderly stop: " + host.errors());
            assertFalse(host.errors().contains("Exception") || host.errors().contains("\tat "),
                    "a stop prints no stack trace: " + host.errors());
        }
        assertTrue(Files.exists(state.resolve("org.nicmanager.bond~bond0.config")), "the demo's bond kept");
        String restarted = script("bond:list\nvm:list\n", "--state", state.toString());
        assertTrue(restarted.contains("bond0"), restarted);
        assertTrue(restarted.contains("web"), restarted);
    }

    @Test
    void withTheOptionAHostKeepsRunningAfterItsInputEnds() throws Exception {
        try (DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(),
                List.of("--no-console", "--bare", "--http-port", "0"))) {
            host.awaitLine(line -> line.startsWith("NIC Manager: bare host on the real clock, without a console"),
                    Patience.SECONDS,
                    "banner");
            String address = host.dashboard();
            host.closeInput(); // end of input: a console would stop the host here
            assertTrue(get(address + "metrics").contains("nicmgr_kernel_"), "still serving after end of input");
            assertEquals(0, host.terminate(), host.errors());
        }
    }

    private static String get(String address) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), address);
        return response.body();
    }

    /** Runs a script run of the jar and returns its standard output. */
    private String script(String text, String... options) throws Exception {
        Path file = Files.writeString(work.resolve("check.gogo"), text);
        List<String> command = new java.util.ArrayList<>(List.of("java", "-jar",
                DemoHostProcess.JAR.getAbsolutePath(), "--script", file.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectInput(
                ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(Patience.SECONDS, TimeUnit.SECONDS),
                "the script run did not end within " + Patience.SECONDS + " s");
        assertEquals(0, process.exitValue(), new String(err.get(), StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }
}
