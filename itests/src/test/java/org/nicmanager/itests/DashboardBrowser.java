package org.nicmanager.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Debian's headless Chromium showing one page, driven over the Chrome DevTools protocol (the JDK's own WebSocket
 * client): evaluate a script in the page, take a screenshot. Flags as the machine notes give them: no sandbox (root),
 * no GPU, and no background networking on a machine whose network is closed.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^/]+)/");
    private static final long TIMEOUT_SECONDS = Patience.SECONDS;

    private final Process chromium;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    DashboardBrowser(String url) throws Exception {
        profile = Files.createTempDirectory("nicmgr-chromium");
        ProcessBuilder launch = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=1400,1300", url);
        // Without /dev/shm Chromium keeps its shared memory in files under TMPDIR: inside the profile, they go with it.
        launch.environment().put("TMPDIR", profile.toString());
        chromium = launch.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String devtools = devtoolsAddress();
        page = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(pageSocket(devtools)), new Replies()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code ws://127.0.0.1:PORT}, from the line Chromium prints on standard error when it listens. */
    private String devtoolsAddress() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(chromium.getErrorStream(),
                StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher listening = DEVTOOLS.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(rest -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
            said.append(line).append('\n');
        }
        throw new AssertionError("Chromium ended without listening for DevTools:\n" + said);
    }

    /** The page target's own socket (the one tab, showing the URL). */
    private static String pageSocket(String devtools) throws Exception {
        HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(devtools.replace("ws://", "http://") + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonElement target : JsonParser.parseString(targets.body()).getAsJsonArray()) {
            if (target.getAsJsonObject().get("type").getAsString().equals("page")) {
                return target.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
            }
        }
        throw new AssertionError("no page in Chromium's targets: " + targets.body());
    }

    /** Answers to our commands, matched by id; a message may come in several parts. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonObject reply = JsonParser.parseString(message.toString()).getAsJsonObject();
                message.setLength(0);
                if (reply.has("id")) {
                    CompletableFuture<JsonObject> waiting = pending.remove(reply.get("id").getAsInt());
                    if (waiting != null) {
                        waiting.complete(reply);
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }

    private JsonObject send(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("method", method);
        command.add("params", params);
        page.sendText(command.toString(), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        JsonObject answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    /** The value of a script evaluated in the page (a promise is awaited); null for undefined. */
    JsonElement evaluate(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        params.addProperty("awaitPromise", true);
        JsonObject result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on '" + expression + "': " + result.get("exceptionDetails"));
        }
        return result.getAsJsonObject("result").get("value");
    }

    /** Evaluates until the script gives true, or fails after {@link Patience}; a live page forces waiting. */
    void awaitTrue(String expression, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        while (System.nanoTime() < deadline) {
            JsonElement value = evaluateUnlessLoading(expression);
            if (value != null && value.isJsonPrimitive() && value.getAsBoolean()) {
                return;
            }
            // The page polls its host once a second; ask again a little later rather than spin on the browser.
            evaluateUnlessLoading("new Promise(done => setTimeout(done, 200))");
        }
        throw new AssertionError("the page did not show " + what + " within " + Patience.SECONDS + " s");
    }

    /** {@link #evaluate}, or null while the page is (re)loading and its scripts' context is not there. */
    private JsonElement evaluateUnlessLoading(String expression) throws Exception {
        try {
            return evaluate(expression);
        } catch (AssertionError loading) {
            if (String.valueOf(loading.getMessage()).contains("context")) {
                return null;
            }
            throw loading;
        }
    }

    void screenshot(Path file) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        params.addProperty("captureBeyondViewport", true);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data")
                .getAsString()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        page.abort();
        // Chromium's helpers (zygote, renderer, crash handler) write into the profile after the browser itself has
        // gone, so every one of them must be gone before the profile can be removed.
        List<ProcessHandle> helpers = chromium.descendants().toList();
        end(chromium.toHandle());
        for (ProcessHandle helper : helpers) {
            end(helper);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void end(ProcessHandle process) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException stillThere) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** Chromium must be there: {@code ./nicmgr test} installs it (scripts/install-test-tools.sh). */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("no Chromium at " + CHROMIUM + ": run scripts/install-test-tools.sh as root");
        }
    }
}
