package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The demo host's dashboard against what another web page, a DNS-rebinding page or a careless client sends, over a
 * plain socket: each is refused (and logged), and the cable stays plugged; the page's own token still works. Also the
 * answers to malformed requests, the security headers on every answer, TRACE, and a bad timeline configuration
 * written while the host runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardSecurityTest {

    private static final String EVIL = "http://evil.example";

    private Path directory;
    private DemoHostProcess host;
    private int port;
    private String own;

    @BeforeAll
    void startTheDemoHost(@TempDir Path folder) throws Exception {
        directory = folder;
        host = new DemoHostProcess(directory.toFile(), List.of(), List.of("--http-port", "0"));
        port = URI.create(host.dashboard()).getPort();
        own = "localhost:" + port;
    }

    @AfterAll
    void stopIt() throws Exception {
        try {
            assertEquals(0, host.exit(), host.errors());
        } finally {
            host.close();
        }
    }

    private RawHttp.Answer send(String method, String target, Map<String, String> headers, String body)
            throws Exception {
        return RawHttp.send(port, method, target, headers, body);
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** The token the dashboard's page is given, from its answer's cookie. */
    private String pageToken() throws Exception {
        RawHttp.Answer page = send("GET", "/dashboard/index.html", headers("Host", own), null);
        assertEquals(200, page.status(), page.toString());
        String cookie = page.header("Set-Cookie");
        assertNotNull(cookie, page.toString());
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        return cookie.substring("nicmgr-csrf=".length(), cookie.indexOf(';'));
    }

    private JsonObject state() throws Exception {
        RawHttp.Answer answer = send("GET", "/api/state", headers("Host", own), null);
        assertEquals(200, answer.status(), answer.toString());
        return JsonParser.parseString(answer.body()).getAsJsonObject();
    }

    /**
     * The state once its events include {@code topic}: events reach the timeline asynchronously, just after the log
     * line the test waited for. Each read is a round trip to the host; the deadline only bounds a failure.
     */
    private JsonObject stateOnceItShows(String topic) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        JsonObject state;
        do {
            state = state();
            if (state.getAsJsonArray("events").toString().contains("\"topic\":\"" + topic + "\"")) {
                return state;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + topic + " event within 20 s: " + state.getAsJsonArray("events"));
    }

    private String nicState(String nic) throws Exception {
        for (JsonElement element : state().getAsJsonObject("nics").getAsJsonArray("nics")) {
            if (element.getAsJsonObject().get("name").getAsString().equals(nic)) {
                return element.getAsJsonObject().get("state").getAsString();
            }
        }
        throw new AssertionError("no NIC " + nic + " on the dashboard");
    }

    /** The cable is in: UP, or BUSY (UP with its transmit ring full now, as the demo's traffic may leave it). */
    private void assertLinkUp(String nic, String why) throws Exception {
        String state = nicState(nic);
        assertTrue(state.equals("UP") || state.equals("BUSY"), why + ": " + nic + " is " + state);
    }

    private void assertRefused(RawHttp.Answer answer, int status, String reason) {
        assertEquals(status, answer.status(), answer.toString());
        assertTrue(answer.body().startsWith("{\"error\":\"") && answer.body().contains(reason), answer.toString());
        assertFalse(answer.body().contains("\n"), "one line: " + answer);
    }

    @Test
    @Order(1)
    void crossOriginTokenlessAndRebindingRequestsAreRefusedAndChangeNothing() throws Exception {
        String token = pageToken();
        String unplug = "/api/cable?nic=vmnic0&action=unplug";
        String cookie = "nicmgr-csrf=" + token;

        // The request: another site's page, reached by a name rebound to this host.
        assertRefused(send("POST", unplug, headers("Host", "evil.example:" + port, "Origin", EVIL), null), 403,
                "Host 'evil.example:" + port + "' is not this dashboard's");
        host.awaitErrorLine(line -> line.contains("refused POST /api/cable from 127.0.0.1 (Host evil.example:"),
                Patience.SECONDS, "the rebinding refusal in the log");
        // A rebinding page cannot even read.
        assertRefused(send("GET", "/api/state", headers("Host", "evil.example:" + port), null), 403,
                "is not this dashboard's");
        // Cross-origin, even with the right Host, cookie and token (as if they had leaked).
        assertRefused(send("POST", unplug, headers("Host", own, "Origin", EVIL, "Cookie", cookie,
                "X-Nicmgr-Csrf", token), null), 403, "foreign Origin 'http://evil.example'");
        host.awaitErrorLine(line -> line.contains("foreign Origin 'http://evil.example'"), Patience.SECONDS,
                "the cross-origin refusal in the log");
        // A foreign Referer counts when there is no Origin.
        assertRefused(send("POST", unplug, headers("Host", own, "Referer", EVIL + "/page", "Cookie", cookie,
                "X-Nicmgr-Csrf", token), null), 403, "foreign Referer");
        // Same origin, but no token: not the dashboard's page.
        assertRefused(send("POST", unplug, headers("Host", own, "Origin", "http://" + own), null), 403,
                "no X-Nicmgr-Csrf header");
        host.awaitErrorLine(line -> line.contains("no X-Nicmgr-Csrf header"), Patience.SECONDS,
                "the tokenless refusal in the log");
        assertRefused(send("POST", unplug, headers("Host", own, "X-Nicmgr-Csrf", token), null), 403,
                "no nicmgr-csrf cookie");
        assertRefused(send("POST", unplug, headers("Host", own, "Cookie", "nicmgr-csrf=guess",
                "X-Nicmgr-Csrf", "guess"), null), 403, "wrong X-Nicmgr-Csrf token");

        assertLinkUp("vmnic0", "nothing changed");
        for (JsonElement event : state().getAsJsonArray("events")) {
            assertFalse(event.getAsJsonObject().get("topic").getAsString().startsWith("nicmgr/hw/UNPLUGGED"),
                    "no cable was pulled: " + event);
        }

        // The page's own way still works: same origin, cookie and token.
        RawHttp.Answer pulled = send("POST", unplug, headers("Host", own, "Origin", "http://" + own, "Cookie", cookie,
                "X-Nicmgr-Csrf", token), null);
        assertEquals(200, pulled.status(), pulled.toString());
        assertEquals("DOWN", nicState("vmnic0"));
        RawHttp.Answer back = send("POST", "/api/cable?nic=vmnic0&action=plug", headers("Host", "127.0.0.1:" + port,
                "Cookie", cookie, "X-Nicmgr-Csrf", token), null);
        assertEquals(200, back.status(), back.toString());
        assertLinkUp("vmnic0", "plugged back");
    }

    @Test
    @Order(2)
    void malformedRequestsGetOneLineAnswers() throws Exception {
        String token = pageToken();
        assertRefused(send("GET", "/api/state?after=%ZZ", headers("Host", own), null), 400,
                "malformed query or form (percent-encoded UTF-8 expected): Not valid encoding '%ZZ'");
        assertRefused(send("POST", "/api/cable", headers("Host", own, "Cookie", "nicmgr-csrf=" + token,
                "X-Nicmgr-Csrf", token, "Content-Type", "application/x-www-form-urlencoded"), "nic=%ZZ&action=unplug"),
                400, "Not valid encoding '%ZZ'");
        assertRefused(send("GET", "/api/state?after=soon", headers("Host", own), null), 400,
                "bad after 'soon': the sequence number of the last event seen, a whole number");
        assertRefused(send("POST", "/api/cable?nic=vmnic0&action=yank", headers("Host", own,
                "Cookie", "nicmgr-csrf=" + token, "X-Nicmgr-Csrf", token), null), 400,
                "bad action 'yank'; allowed: unplug, plug");
        assertFalse(host.errors().contains("\tat "), "no stack trace in the log:\n" + host.errors());
    }

    @Test
    @Order(3)
    void everyAnswerCarriesTheSecurityHeadersAndTraceIsRefused() throws Exception {
        List<RawHttp.Answer> answers = List.of(
                send("GET", "/dashboard/index.html", headers("Host", own), null),
                send("GET", "/dashboard/dashboard.js", headers("Host", own), null),
                send("GET", "/api/state", headers("Host", own), null),
                send("GET", "/metrics", headers("Host", own), null),
                send("GET", "/no/such/page", headers("Host", own), null),
                send("GET", "/api/state", headers("Host", "evil.example"), null),
                send("TRACE", "/api/state", headers("Host", own, "X-Secret", "echo-me"), null));
        for (RawHttp.Answer answer : answers) {
            assertEquals("DENY", answer.header("X-Frame-Options"), answer.toString());
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.toString());
            String policy = answer.header("Content-Security-Policy");
            assertNotNull(policy, answer.toString());
            assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'self'"), policy);
        }
        RawHttp.Answer trace = answers.get(answers.size() - 1);
        assertRefused(trace, 405, "method TRACE not allowed; allowed: GET, HEAD, POST");
        assertEquals("GET, HEAD, POST", trace.header("Allow"));
        assertFalse(trace.body().contains("echo-me"), "TRACE echoes nothing");
        for (String method : List.of("PUT", "DELETE", "OPTIONS")) {
            assertRefused(send(method, "/api/cable?nic=vmnic0&action=unplug", headers("Host", own), null), 405,
                    "method " + method + " not allowed");
        }
    }

    @Test
    @Order(4)
    void aBadTimelineConfigurationIsRefusedAndTheHistoryStays() throws Exception {
        long firstEvent = state().getAsJsonArray("events").get(0).getAsJsonObject().get("sequence").getAsLong();
        Path conf = Files.createDirectories(directory.resolve("conf"));
        Files.writeString(conf.resolve("org.nicmanager.operator.timeline.cfg"), "capacityEvents = \"lots\"\n",
                StandardCharsets.UTF_8);

        String refusal = host.awaitErrorLine(line -> line.contains("refused: capacityEvents = \"lots\""),
                Patience.SECONDS, "the refusal of capacityEvents = lots");
        assertTrue(refusal.contains("org.nicmanager.operator.timeline.cfg)")
                && refusal.contains("allowed: a whole number from 1 to 1000000"), refusal);

        JsonObject state = stateOnceItShows("nicmgr/config/REFUSED");
        assertEquals(firstEvent, state.getAsJsonArray("events").get(0).getAsJsonObject().get("sequence").getAsLong(),
                "the history is kept");
        boolean announced = false;
        for (JsonElement event : state.getAsJsonArray("events")) {
            JsonObject entry = event.getAsJsonObject();
            if (entry.get("topic").getAsString().equals("nicmgr/config/REFUSED")) {
                announced = entry.getAsJsonObject("details").get("key").getAsString().equals("capacityEvents");
            }
        }
        assertTrue(announced, "the timeline shows the refusal: " + state.getAsJsonArray("events"));
    }
}
