package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code /metrics} and the dashboard's API over the HTTP Whiteboard (Felix HTTP Jetty on a free localhost port): the
 * exposition is checked by Prometheus's own parser ({@code promtool check metrics}), and its counters are the host's.
 */
public class OperatorMetricsTest extends NicManagerTestSupport {

    private static final File PROMTOOL = new File("/usr/bin/promtool");

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    /** Turns HTTP on, on any free port, as the launcher does for an interactive host, and waits for the listener. */
    @Before
    public void listen() throws Exception {
        if (base != null) {
            return;
        }
        awaitService(ConfigurationAdmin.class, null);
        base = LocalHttp.start(context, WAIT_SECONDS);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void metricsAreValidPrometheusExpositionWithTheHostsCounters() throws Exception {
        shell("hw:switch add swM --ports 8");
        shell("hw:nic add m0 --model e1000 --switch swM");
        shell("hw:nic add m1 --model e1000 --switch swM");
        shell("hw:nic add m2 --model e1000 --switch swM");
        shell("hw:host add hM --switch swM --mac 02:00:00:00:77:01 --ip 10.0.77.1");
        shell("bond:create bondM --policy round-robin");
        shell("bond:add bondM m0 m1");
        shell("bond:create bondA --policy failover-order --arp-target 10.0.77.1");
        shell("bond:add bondA m2");
        shell("vm:create vmM --priority 7");
        shell("vm:start vmM");
        shell("vnic:add vmM --uplink bondM");
        shell("guest:traffic vmM --to 02:00:00:00:77:01 --rate 100Mbps --frame 1000 --count 1000");
        shell("kernel:advance 1s");
        shell("hw:unplug m0");
        shell("kernel:advance 1s");

        HttpResponse<String> scrape = get("metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse(""),
                scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String metrics = scrape.body();

        String nics = shell("nic:list --json");
        long m1Frames = number(field(nics, "(\\{\"name\":\"m1\".*?\\})"), "txFrames");
        assertEquals(m1Frames, sample(metrics, "nicmgr_nic_transmitted_frames_total{nic=\"m1\"}"));
        assertEquals(1000, sample(metrics, "nicmgr_vnic_transmitted_frames_total{vm=\"vmM\",vnic=\"vmM-0\"}"));
        assertEquals(1, sample(metrics, "nicmgr_bond_failovers_total{bond=\"bondM\"}"));
        assertEquals(0, sample(metrics, "nicmgr_bond_member_active{bond=\"bondM\",nic=\"m0\"}"));
        assertEquals(0, sample(metrics, "nicmgr_nic_up{nic=\"m0\"}"));
        assertEquals(1, sample(metrics, "nicmgr_bond_member_reachable{bond=\"bondA\",nic=\"m2\"}"));
        assertEquals("one probe a second for 2 s", 2,
                sample(metrics, "nicmgr_bond_member_arp_probes_total{bond=\"bondA\",nic=\"m2\"}"));
        assertEquals("the first round's answer; the second round went out at the very kernel time of the scrape", 1,
                sample(metrics, "nicmgr_bond_member_arp_answers_total{bond=\"bondA\",nic=\"m2\"}"));
        assertFalse("no ARP monitor on bondM", metrics.contains("nicmgr_bond_member_reachable{bond=\"bondM\""));
        assertEquals(7, sample(metrics, "nicmgr_vm_priority{vm=\"vmM\"}"));
        assertEquals(1, sample(metrics, "nicmgr_vm_state{state=\"RUNNING\",vm=\"vmM\"}"));
        assertTrue(metrics, metrics.contains("nicmgr_events_total{topic=\"nicmgr/bond/FAILOVER\"}"));
        assertTrue(metrics, metrics.contains("# TYPE nicmgr_nic_pending_bytes gauge"));

        promtoolAccepts(metrics);
    }

    /**
     * Issue 18 point 2: each member's role is a state set, and {@code nicmgr_bond_member_active} is 1 for the ACTIVE
     * role only: a failover-order bond's standby is 0, a member LACP did not select (another key) is 0, and a spreading
     * policy's members are all 1. A scrape with a negotiated LACP bond works (its members' several state flags).
     */
    @Test
    public void bondMemberRolesAreMetricsAndOnlyActiveMembersCountAsActive() throws Exception {
        shell("hw:switch add swR --ports 8");
        shell("hw:switch add swL --ports 8 --lacp active --lacp-rate fast");
        for (String nic : new String[] {"r0", "r1", "s0", "s1"}) {
            shell("hw:nic add " + nic + " --model e1000 --switch swR");
        }
        shell("hw:nic add l0 --model e1000 --switch swL");
        shell("hw:nic add l1 --model e100 --switch swL");
        shell("bond:create bondAB --policy failover-order");
        shell("bond:add bondAB r0 r1");
        shell("bond:create bondRR --policy round-robin");
        shell("bond:add bondRR s0 s1");
        shell("bond:create bondL --policy hash-l34 --lacp active --lacp-rate fast");
        shell("bond:add bondL l0 l1");
        shell("kernel:advance 3s");

        String metrics = get("metrics").body();
        String[][] expected = {{"bondAB", "r0", "ACTIVE"}, {"bondAB", "r1", "STANDBY"}, {"bondRR", "s0", "ACTIVE"},
            {"bondRR", "s1", "ACTIVE"}, {"bondL", "l0", "ACTIVE"}, {"bondL", "l1", "NOT_SELECTED"}};
        for (String[] member : expected) {
            String id = "bond=\"" + member[0] + "\",nic=\"" + member[1] + "\"";
            for (String role : new String[] {"ACTIVE", "STANDBY", "UNUSED", "NOT_SELECTED"}) {
                assertEquals(member[1] + " " + role, role.equals(member[2]) ? 1 : 0,
                        sample(metrics, "nicmgr_bond_member_role{" + id + ",role=\"" + role + "\"}"));
            }
            assertEquals(member[1] + " active", member[2].equals("ACTIVE") ? 1 : 0,
                    sample(metrics, "nicmgr_bond_member_active{" + id + "}"));
        }

        assertTrue("a negotiated LACP member's state flags, several of them, as one label", metrics.contains(
                "bond=\"bondL\",mux=\"DISTRIBUTING\",nic=\"l0\",partner_state=\"ACTIVITY,SHORT_TIMEOUT,"));

        shell("hw:unplug r0");
        String failedOver = get("metrics").body();
        assertEquals(1, sample(failedOver, "nicmgr_bond_member_role{bond=\"bondAB\",nic=\"r0\",role=\"UNUSED\"}"));
        assertEquals(1, sample(failedOver, "nicmgr_bond_member_active{bond=\"bondAB\",nic=\"r1\"}"));
        promtoolAccepts(failedOver);
    }

    /** The value of one sample line, e.g. {@code name{labels} 12.0}. */
    private static long sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + series + " in\n" + metrics);
    }

    /** Prometheus's own parser and linter: {@code ./nicmgr test} installs it (scripts/install-test-tools.sh). */
    private static void promtoolAccepts(String metrics) throws Exception {
        assertTrue("no " + PROMTOOL + ": run scripts/install-test-tools.sh as root", PROMTOOL.canExecute());
        Process promtool = new ProcessBuilder(PROMTOOL.getPath(), "check", "metrics").redirectErrorStream(true)
                .start();
        promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("promtool did not finish", promtool.waitFor(Patience.SECONDS, TimeUnit.SECONDS));
        assertEquals("promtool check metrics: " + verdict, 0, promtool.exitValue());
    }

    @Test
    public void theDashboardIsServedAndItsApiRefusesBadInputNamingIt() throws Exception {
        HttpResponse<String> page = get("dashboard/index.html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("vendor/chart.umd.min.js"));
        assertEquals(200, get("dashboard/vendor/chart.umd.min.js").statusCode());

        HttpResponse<String> state = get("api/state");
        assertEquals(200, state.statusCode());
        assertTrue(state.body(), state.body().startsWith("{\"time\":"));
        assertTrue(state.body(), state.body().contains("\"clock\":\"VIRTUAL\""));

        // State changes carry the token the page's answer sets as a cookie, in the cookie and in a header.
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        String token = cookie.substring("nicmgr-csrf=".length(), cookie.indexOf(';'));
        HttpResponse<String> badAction = http.send(HttpRequest.newBuilder(URI.create(base
                + "api/cable?nic=m0&action=cut")).header("Cookie", "nicmgr-csrf=" + token)
                .header("X-Nicmgr-Csrf", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badAction.statusCode());
        assertEquals("{\"error\":\"bad action 'cut'; allowed: unplug, plug\"}", badAction.body());

        HttpResponse<String> badNic = http.send(HttpRequest.newBuilder(URI.create(base
                + "api/cable?nic=x%3Bstop%200&action=unplug")).header("Cookie", "nicmgr-csrf=" + token)
                .header("X-Nicmgr-Csrf", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badNic.statusCode());
        assertTrue(badNic.body(), badNic.body().contains("bad NIC 'x;stop 0'"));

        assertEquals(400, get("api/state?after=soon").statusCode());

        HttpResponse<String> tokenless = http.send(HttpRequest.newBuilder(URI.create(base
                + "api/cable?nic=m1&action=unplug")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(tokenless.body(), 403, tokenless.statusCode());
    }
}
