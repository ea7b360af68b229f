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
    /** Traffic shows within a second on an idle machine, later on a loaded one. */
    private static final long TRAFFIC_DEADLINE_SECONDS = Patience.SECONDS;

    @Test
    void theJarWithNoOptionsStartsTheDemoHostWithTrafficOnEveryVm() throws Exception {
        try (DemoHostProcess host = new DemoHostProcess(List.of("-Dorg.osgi.service.http.port=0"), List.of())) {
            host.awaitLine(line -> line.startsWith("NIC Manager: demo host on the real clock."), Patience.SECONDS,
                    "banner");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAFFIC_DEADLINE_SECONDS);
            Map<String, Double> throughput;
            do {
                throughput = throughputByVm(host.json("net:stats --json", "now"));
            } while (!everyVmSends(throughput) && System.nanoTime() < deadline);
            assertTrue(everyVmSends(throughput), "within " + TRAFFIC_DEADLINE_SECONDS + " s net:stats shows traffic on"
                    + " every demo VM: " + throughput);
            assertEquals(DEMO_VMS, List.copyOf(throughput.keySet()));

            JsonObject bond = host.json("bond:show bond0 --json", "name");
            assertEquals(List.of("vmnic0", "vmnic1"), names(bond, "members"));
            JsonObject nics = host.json("nic:list --json", "nics");
            assertEquals(List.of("vmnic0", "vmnic1", "vmnic2"), names(nics, "nics"));

            host.type("help");
            host.type("kernel:info --json");
            String scopes = host.linesUntil(line -> line.startsWith("{\"clock\""), Patience.SECONDS).stream()
                    .filter(line -> line.matches("[a-z]+:[a-z_]+")).map(line -> line.substring(0, line.indexOf(':')))
                    .distinct().sorted().collect(Collectors.joining(" "));
            for (String scope : List.of("bond", "dos", "guest", "hw", "kernel", "lacp", "net", "nic", "ops", "vm",
                    "vnic")) {
                assertTrue(scopes.contains(scope), "help lists scope " + scope + ": " + scopes);
            }

            assertEquals(0, host.exit(), host.errors());
        }
    }

    /** Each VM's throughput over the resource manager's window, from {@code net:stats --json}. */
    private static Map<String, Double> throughputByVm(JsonObject stats) {
        Map<String, Double> throughput = new TreeMap<>();
        for (JsonElement vm : stats.getAsJsonArray("vms")) {
            JsonObject row = vm.getAsJsonObject();
            throughput.merge(row.get("name").getAsString(), row.get("throughputBps").getAsDouble(), Double::sum);
        }
        return throughput;
    }

    private static boolean everyVmSends(Map<String, Double> throughput) {
        return throughput.keySet().containsAll(DEMO_VMS) && throughput.values().stream().allMatch(bps -> bps > 0);
    }

    private static List<String> names(JsonObject document, String array) {
        return document.getAsJsonArray(array).asList().stream()
                .map(element -> element.getAsJsonObject().get("name").getAsString()).toList();
    }
}
