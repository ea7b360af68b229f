package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The live dashboard of the demo host, in headless Chromium: it draws the topology, shows each VM's throughput as the
 * host's own JSON gives it (within 5%), and pulling a bond member's cable with its button (which sends the page's own
 * token) fails the bond over, which the page's timeline then shows. VMs named after {@code Object.prototype}'s members
 * ({@code toString} sending, {@code constructor} idle) are shown like any other. A screenshot is left in
 * {@code itests/target/dashboard.png}.
 */
class DashboardTest {

    private static final List<String> DEMO_VMS = List.of("app", "batch", "web");
    private static final double TOLERANCE = 0.05;
    /** Pairs of readings (page, net:stats) taken before the figures count as disagreeing. */
    private static final int READINGS = 5;
    /** Longer than the page's rate window (3 s), so that the two measures cover about the same span. */
    private static final long MEASURE_NANOS = 3_500_000_000L;
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @Test
    void theDashboardShowsTheHostLiveAndAClickPullsACable() throws Exception {
        DashboardBrowser.requireChromium();
        try (DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--http-port", "0"));
                DashboardBrowser page = new DashboardBrowser(withPrototypeNamedVms(host))) {
            page.awaitTrue("['app', 'batch', 'web', 'toString'].every(vm => Number(document.querySelector("
                    + "`[data-vm-rate=\"${vm}\"]`)?.dataset.value) > 0)", "throughput on every sending VM");
            page.awaitTrue("document.querySelector('tr[data-vm=\"constructor\"] .vm-rate')?.dataset.value === '0'",
                    "the idle VM 'constructor' with no throughput");
            page.awaitTrue("document.querySelectorAll('#topology rect[data-node]').length >= 13",
                    "the topology: 5 VMs, a bond, 3 NICs, 2 switches, 2 hosts");

            sameThroughputAsTheHost(host, page);

            page.evaluate("document.querySelector('button[data-nic=\"vmnic0\"][data-action=\"unplug\"]').click()");
            page.awaitTrue("[...document.querySelectorAll('#events li[data-topic=\"nicmgr/bond/FAILOVER\"]')]"
                    + ".some(event => event.textContent.includes('nic.name=vmnic0'))", "the failover event");
            page.awaitTrue("document.querySelector('[data-nic-row=\"vmnic0\"] .nic-state').textContent === 'DOWN'",
                    "vmnic0 DOWN");
            page.screenshot(SCREENSHOT);
            JsonObject bond = host.json("bond:show bond0 --json", "name");
            assertEquals(1, bond.get("failovers").getAsLong(), bond.toString());

            page.evaluate("document.querySelector('button[data-nic=\"vmnic0\"][data-action=\"plug\"]').click()");
            page.awaitTrue("!!document.querySelector('#events li[data-topic=\"nicmgr/hw/PLUGGED\"]"
                    + "[data-subject=\"vmnic0\"]')", "the cable back");
            assertEquals(0, host.exit(), host.errors());
        }
    }

    /**
     * The dashboard's address, once the host has two more VMs: {@code toString}, sending, and {@code constructor}, with
     * no virtual NIC and so no rate at all (where a plain object would find {@code Object.prototype.constructor}).
     */
    private static String withPrototypeNamedVms(DemoHostProcess host) throws Exception {
        String dashboard = host.dashboard();
        for (String command : List.of("vm:create toString --priority 1", "vm:start toString",
                "vnic:add toString --uplink vmnic2 --mac 02:00:00:00:00:14",
                "guest:traffic toString --to 02:00:00:00:99:02 --rate 1Mbps --frame 500",
                "vm:create constructor --priority 1")) {
            host.type(command);
        }
        return dashboard;
    }

    /**
     * The page's per-VM figures against the resource manager's {@code net:stats --json} (throughput over its window),
     * read right after. The demo runs on the real clock, so its rates wander a little when the machine is loaded; a
     * pair of readings that differ by more than the tolerance is read again, a few times, and every VM must agree
     * within the tolerance in one pair. A page that showed another figure (another VM's, another unit) never would.
     */
    private static void sameThroughputAsTheHost(DemoHostProcess host, DashboardBrowser page) throws Exception {
        long from = host.json("kernel:info --json", "clock").get("nowNanos").getAsLong();
        page.awaitTrue("Number(document.getElementById('clock').dataset.time) >= " + (from + MEASURE_NANOS),
                "kernel time " + MEASURE_NANOS + " ns on");
        List<String> disagreements = new ArrayList<>();
        for (int reading = 0; reading < READINGS; reading++) {
            Map<String, Double> shown = new TreeMap<>();
            for (String vm : DEMO_VMS) {
                JsonObject cell = page.evaluate("(cell => ({value: Number(cell.dataset.value),"
                        + " unit: cell.dataset.unit}))(document.querySelector('[data-vm-rate=\"" + vm + "\"]'))")
                        .getAsJsonObject();
                assertEquals("bps", cell.get("unit").getAsString(),
                        "the page shows the resource manager's bits per second");
                shown.put(vm, cell.get("value").getAsDouble());
            }
            JsonObject stats = host.json("net:stats --json", "now");
            Map<String, Double> hosts = new TreeMap<>();
            for (JsonElement vm : stats.getAsJsonArray("vms")) {
                hosts.put(vm.getAsJsonObject().get("name").getAsString(),
                        vm.getAsJsonObject().get("throughputBps").getAsDouble());
            }
            if (DEMO_VMS.stream().allMatch(vm -> Math.abs(shown.get(vm) - hosts.get(vm))
                    <= TOLERANCE * hosts.get(vm))) {
                return;
            }
            disagreements.add("page " + shown + ", net:stats " + hosts);
        }
        throw new AssertionError("the page's per-VM throughput never agreed with net:stats within " + TOLERANCE * 100
                + " % in " + READINGS + " readings: " + disagreements);
    }
}
