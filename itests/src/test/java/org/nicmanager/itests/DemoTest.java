package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * {@code java -jar run/target/nicmgr.jar} with no options: the demo host, in real time, from the built-in copy of
 * {@code examples/demo/demo.gogo}. Only the dashboard's port is moved off 8080 (a JVM property, as a user may set it),
 * so that the test runs beside anything else on the machine.
 */
class DemoTest {

    private static final List<String> DEMO_VMS = List.of("app", "batch", "web");
    private static final long TRAFFIC_DEADLINE_SECONDS = 5;

    @Test
    void theJarWithNoOptionsStartsTheDemoHostWithTrafficOnEveryVmWithinFiveSeconds() throws Exception {
        try (DemoHostProcess host = new DemoHostProcess(List.of("-Dorg.osgi.service.http.port=0"), List.of())) {
            host.awaitLine(line -> line.startsWith("NIC Manager: demo host on the real clock."), 60, "banner");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAFFIC_DEADLINE_SECONDS);
            Map<String, Long> sent;
            do {
                sent = framesSentByVm(host.json("vnic:list --json", "vnics"));
            } while (!everyVmSent(sent) && System.nanoTime() < deadline);
            assertTrue(everyVmSent(sent), "within " + TRAFFIC_DEADLINE_SECONDS + " s every demo VM sends: " + sent);
            assertEquals(DEMO_VMS, List.copyOf(sent.keySet()));
            // The resource manager's own account, once it follows the VMs (net:stats lists none until then).
            JsonObject stats = host.json("net:stats --json", "now");
            for (JsonElement vm : stats.getAsJsonArray("vms")) {
                assertTrue(vm.getAsJsonObject().get("throughputBps").getAsDouble() > 0, "net:stats: " + stats);
            }

            JsonObject bond = host.json("bond:show bond0 --json", "name");
            assertEquals(List.of("vmnic0", "vmnic1"), names(bond, "members"));
            JsonObject nics = host.json("nic:list --json", "nics");
            assertEquals(List.of("vmnic0", "vmnic1", "vmnic2"), names(nics, "nics"));

            host.type("help");
            host.type("kernel:info --json");
            String scopes = host.linesUntil(line -> line.startsWith("{\"clock\""), 20).stream()
                    .filter(line -> line.matches("[a-z]+:[a-z_]+")).map(line -> line.substring(0, line.indexOf(':')))
                    .distinct().sorted().collect(Collectors.joining(" "));
            for (String scope : List.of("bond", "guest", "hw", "kernel", "nic", "ops", "vm", "vnic")) {
                assertTrue(scopes.contains(scope), "help lists scope " + scope + ": " + scopes);
            }

            assertEquals(0, host.exit(), host.errors());
        }
    }

    private static Map<String, Long> framesSentByVm(JsonObject vnics) {
        Map<String, Long> sent = new TreeMap<>();
        for (JsonElement vnic : vnics.getAsJsonArray("vnics")) {
            JsonObject row = vnic.getAsJsonObject();
            sent.merge(row.get("vm").getAsString(), row.get("txFrames").getAsLong(), Long::sum);
        }
        return sent;
    }

    private static boolean everyVmSent(Map<String, Long> sent) {
        return sent.keySet().containsAll(DEMO_VMS) && sent.values().stream().allMatch(frames -> frames > 0);
    }

    private static List<String> names(JsonObject document, String array) {
        return document.getAsJsonArray(array).asList().stream()
                .map(element -> element.getAsJsonObject().get("name").getAsString()).toList();
    }
}
