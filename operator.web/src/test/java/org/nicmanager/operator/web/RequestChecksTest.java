package org.nicmanager.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pieces of the request guard, one by one: Host names, origins, credentials, loopback, log text. */
class RequestChecksTest {

    /** SHA-256 of "s3cret". */
    private static final String S3CRET_SHA256 = "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0";

    @Test
    void onlyLoopbackAndConfiguredNamesAreThisDashboards() {
        List<String> configured = List.of("nicmgr.lab.example", "[fd00::2]");
        for (String ok : List.of("localhost", "localhost:8080", "LOCALHOST:8080", "127.0.0.1:18081", "[::1]:8080",
                "[::1]", "nicmgr.lab.example:8080", "[fd00::2]:80")) {
            assertTrue(HostHeader.allowed(ok, configured), ok);
        }
        for (String refused : List.of("evil.example:18081", "evil.example", "localhost.evil.example",
                "127.0.0.1.nip.io", "localhost:8080:1", "localhost:port", "", "user@localhost", "[::2]:80")) {
            assertFalse(HostHeader.allowed(refused, configured), refused);
        }
        assertFalse(HostHeader.allowed(null, configured), "no Host at all");
    }

    @Test
    void aStateChangeMustComeFromItsOwnOrigin() {
        assertNull(Origins.foreign("http://localhost:8080", null, "http", "localhost:8080"));
        assertNull(Origins.foreign(null, "http://localhost:8080/dashboard/index.html", "http", "localhost:8080"));
        assertNull(Origins.foreign(null, null, "http", "localhost:8080"), "no browser: left to the token");
        assertEquals("foreign Origin 'http://evil.example': only http://localhost:8080 may change state",
                Origins.foreign("http://evil.example", null, "http", "localhost:8080"));
        assertNotNull(Origins.foreign("null", null, "http", "localhost:8080"), "a sandboxed page's origin");
        assertNotNull(Origins.foreign("http://localhost:9999", null, "http", "localhost:8080"), "another port");
        assertNotNull(Origins.foreign("https://localhost:8080", null, "http", "localhost:8080"), "another scheme");
        assertNotNull(Origins.foreign("http://127.0.0.1:8080", null, "http", "localhost:8080"), "another name");
        assertNotNull(Origins.foreign(null, "http://evil.example/page", "http", "localhost:8080"), "a foreign Referer");
    }

    @Test
    void basicCredentialsAreCheckedAgainstTheHash() {
        AccessSettings settings = new AccessSettings(List.of(), "admin", S3CRET_SHA256);
        assertNull(BasicCredentials.refused(basic("admin:s3cret"), settings));
        assertEquals("wrong user or password for user 'admin'", BasicCredentials.refused(basic("admin:S3cret"),
                settings));
        assertNotNull(BasicCredentials.refused(basic("root:s3cret"), settings));
        assertNotNull(BasicCredentials.refused(null, settings));
        assertNotNull(BasicCredentials.refused("Bearer abc", settings));
        assertNotNull(BasicCredentials.refused("Basic !!!", settings));
        assertNotNull(BasicCredentials.refused(basic("admins3cret"), settings));
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loopbackIsTellFromAddressesWithoutLookingNamesUp() {
        for (String loopback : List.of("localhost", "127.0.0.1", "127.1.2.3", "[::1]", "0:0:0:0:0:0:0:1")) {
            assertTrue(Exposure.isLoopback(loopback), loopback);
        }
        for (String open : List.of("0.0.0.0", "192.0.2.2", "[fd00:0:0:0:0:0:0:2%eth0]", "[::]", "host.example")) {
            assertFalse(Exposure.isLoopback(open), open);
        }
    }

    @Test
    void theRuntimesEndpointsSayWhetherTheDashboardIsOpen() {
        int[] changes = {0};
        Exposure exposure = new Exposure(() -> changes[0]++);
        exposure.runtime(java.util.Map.of("service.id", 7L, Exposure.ENDPOINT, "http://localhost:8080/"));
        assertFalse(exposure.isOpen());
        exposure.runtime(java.util.Map.of("service.id", 7L, Exposure.ENDPOINT,
                new String[] {"http://192.0.2.2:8080/", "http://127.0.0.1:8080/"}));
        assertEquals(List.of("http://192.0.2.2:8080/"), exposure.beyondLoopback());
        assertEquals(List.of("nic.example", "192.0.2.2"), exposure.namesBesides(List.of("nic.example")));
        exposure.gone(java.util.Map.of("service.id", 7L));
        assertFalse(exposure.isOpen());
        assertEquals(2, changes[0]);
    }

    @Test
    void loggedTextCannotForgeALine() {
        assertEquals("sw1\\nERROR [Kernel] stopped\\r\\u001b[31m\\u2028", LogText.escape(
                "sw1\nERROR [Kernel] stopped\r\u001b[31m\u2028"));
        assertEquals("(none)", LogText.escape(null));
        String longer = "x".repeat(500);
        assertEquals("x".repeat(LogText.MAX_CHARS) + "...", LogText.escape(longer));
        assertEquals("x".repeat(LogText.MAX_CHARS), LogText.escape("x".repeat(LogText.MAX_CHARS)));
    }

    @Test
    void textForTheLogAloneIsOnlyCutForTheLogEscapesIt() {
        assertEquals("a\nb", LogText.cut("a\nb"));
        assertEquals("(none)", LogText.cut(null));
        assertEquals("x".repeat(LogText.MAX_CHARS) + "...", LogText.cut("x".repeat(500)));
        assertEquals("x".repeat(LogText.MAX_CHARS), LogText.cut("x".repeat(LogText.MAX_CHARS)));
    }
}
