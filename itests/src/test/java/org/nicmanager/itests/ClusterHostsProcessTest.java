package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Hosts as separate processes of the exported jar, as an operator starts them on one machine: a standalone host loads
 * no ZooKeeper class at all; one host runs an embedded server, a second joins it, a third with an id in use is refused
 * naming the holder, and the second, killed with SIGKILL, is seen gone within its session timeout plus 1 s.
 */
class ClusterHostsProcessTest {

    /** The cluster component's default session timeout. */
    private static final long SESSION_TIMEOUT_MS = 6_000;

    @TempDir
    Path work;

    @Test
    void aStandaloneHostLoadsNoZooKeeperOrCuratorClass() throws Exception {
        Path script = work.resolve("status.gogo");
        Files.writeString(script, "cluster:status\n");
        Path classes = work.resolve("classes.log");
        Process host = new ProcessBuilder("java", "-Xlog:class+load=info:file=" + classes, "-jar",
                DemoHostProcess.JAR.getAbsolutePath(), "--script", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(host.waitFor(Patience.SECONDS, TimeUnit.SECONDS), "the host did not exit");
        assertEquals(0, host.exitValue(), output);
        assertTrue(output.contains("no cluster is configured"), output);

        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains("org.nicmanager.cluster.ClusterCommands ")),
                "the log names the cluster bundle's classes that did load");
        List<String> zooKeeper = loaded.stream().filter(line -> line.contains(" org.apache.zookeeper.")
                || line.contains(" org.apache.curator.")).toList();
        assertEquals(List.of(), zooKeeper, "a standalone host starts no ZooKeeper code");
    }

    @Test
    void hostsOnOneMachineJoinAnEmbeddedServerADuplicateIdIsRefusedAndAKilledHostIsSeenGone() throws Exception {
        List<DemoHostProcess> hosts = new ArrayList<>();
        try {
            // Its server's data under the test's folder: a host ended with SIGKILL cannot remove a temporary one.
            DemoHostProcess first = host(hosts, "--state", work.resolve("first").toString(), "--cluster", "embedded:0",
                    "--host-id", "first");
            JsonObject firstStatus = awaitStatus(first, status -> text(status, "membership").equals("JOINED"),
                    "first joined");
            assertTrue(firstStatus.get("embeddedServer").getAsBoolean());
            String ensemble = text(firstStatus, "ensemble");

            DemoHostProcess second = host(hosts, "--cluster", ensemble, "--host-id", "second");
            awaitStatus(second, status -> text(status, "membership").equals("JOINED"), "second joined");
            JsonObject seen = awaitHosts(first, ids -> ids.equals(List.of("first", "second")), "both hosts listed");
            assertEquals("first", text(seen, "leader"), "the first host to join leads");
            JsonObject secondStatus = second.json("cluster:status --json", "hostId");
            assertEquals("first", text(secondStatus, "leader"));
            assertFalse(secondStatus.get("leading").getAsBoolean());

            DemoHostProcess impostor = host(hosts, "--cluster", ensemble, "--host-id", "first");
            JsonObject refused = awaitStatus(impostor, status -> text(status, "membership").equals("REFUSED"),
                    "the second 'first' refused");
            String refusal = text(refused, "refusal");
            assertTrue(refusal.startsWith("host id 'first' is in use by the host on "), refusal);
            assertTrue(refusal.contains(", started "), refusal);
            assertEquals(List.of("first", "second"), ids(first.json("cluster:hosts --json", "leader")),
                    "the refused host left the holder's record alone");

            long killedAt = System.nanoTime();
            second.close(); // SIGKILL: no goodbye to the ensemble
            awaitHosts(first, ids -> ids.equals(List.of("first")), "the killed host gone");
            long goneAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("host killed with SIGKILL seen gone after %d ms (session timeout %d ms)%n", goneAfterMs,
                    SESSION_TIMEOUT_MS);
            assertTrue(goneAfterMs <= SESSION_TIMEOUT_MS + 1_000, "seen gone after " + goneAfterMs + " ms; allowed:"
                    + " the session timeout " + SESSION_TIMEOUT_MS + " ms + 1 s");
        } finally {
            hosts.forEach(DemoHostProcess::close);
        }
    }

    @Test
    void aHostKilledAndRestartedOnItsEmbeddedServersDataJoinsAgainOnceItsOldSessionExpires() throws Exception {
        String port = Integer.toString(freePort());
        String state = work.resolve("state").toString();
        List<DemoHostProcess> hosts = new ArrayList<>();
        try {
            DemoHostProcess first = host(hosts, "--state", state, "--cluster", "embedded:" + port, "--host-id", "solo");
            awaitStatus(first, status -> text(status, "membership").equals("JOINED"), "joined");
            first.close(); // SIGKILL: its session, kept in the server's data, outlives it

            long restartedAt = System.nanoTime();
            DemoHostProcess again = host(hosts, "--state", state, "--cluster", "embedded:" + port, "--host-id", "solo");
            JsonObject status = awaitStatus(again, document -> !text(document, "membership").equals("JOINING"),
                    "joined again or refused");
            System.out.printf("restarted host joined again %d ms after its restart (session timeout %d ms)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt), SESSION_TIMEOUT_MS);
            assertEquals("JOINED", text(status, "membership"), "its own earlier run is waited out: " + status);
            assertEquals(List.of("solo"), ids(again.json("cluster:hosts --json", "leader")));
        } finally {
            hosts.forEach(DemoHostProcess::close);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private DemoHostProcess host(List<DemoHostProcess> hosts, String... cluster) throws IOException {
        List<String> options = new ArrayList<>(List.of("--bare", "--http-port", "0"));
        options.addAll(List.of(cluster));
        DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(), options);
        hosts.add(host);
        return host;
    }

    /** Asks for the host's status until it is as wanted, up to {@link Patience#SECONDS}. */
    private static JsonObject awaitStatus(DemoHostProcess host, Predicate<JsonObject> wanted, String what)
            throws Exception {
        return await(host, "cluster:status --json", "hostId", wanted, what);
    }

    private static JsonObject awaitHosts(DemoHostProcess host, Predicate<List<String>> wanted, String what)
            throws Exception {
        return await(host, "cluster:hosts --json", "leader", document -> wanted.test(ids(document)), what);
    }

    private static JsonObject await(DemoHostProcess host, String command, String firstField,
            Predicate<JsonObject> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = host.json(command, firstField);
            if (wanted.test(last)) {
                return last;
            }
        }
        throw new AssertionError("not " + what + " within " + Patience.SECONDS + " s; last: " + last + "; errors: "
                + host.errors());
    }

    private static List<String> ids(JsonObject hosts) {
        List<String> ids = new ArrayList<>();
        for (JsonElement host : hosts.getAsJsonArray("hosts")) {
            ids.add(host.getAsJsonObject().get("hostId").getAsString());
        }
        return ids;
    }

    private static String text(JsonObject document, String field) {
        JsonElement value = document.get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
