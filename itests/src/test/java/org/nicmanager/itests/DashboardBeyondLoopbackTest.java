package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host told to listen on every address: without credentials it says so in its log and serves nothing, not even to
 * loopback; once a user is configured (while it runs) every request authenticates, and the Host check still holds.
 */
class DashboardBeyondLoopbackTest {

    private static final Pattern PORT = Pattern.compile(":([0-9]+)/");
    /** SHA-256 of "correct horse battery staple". */
    private static final String PASSWORD = "correct horse battery staple";
    private static final String PASSWORD_SHA256 = "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a";

    @Test
    void withoutCredentialsNothingIsServedAndWithThemEveryRequestAuthenticates(@TempDir Path directory)
            throws Exception {
        String address = nonLoopbackAddress();
        assumeTrue(address != null, "this machine has no address beyond loopback to listen on");
        try (DemoHostProcess host = new DemoHostProcess(directory.toFile(),
                List.of("-Dorg.apache.felix.http.host=0.0.0.0",
                "-Dnicmgr.log.level=INFO"), List.of("--bare", "--http-port", "0"))) {
            Matcher port = PORT.matcher(host.dashboard());
            assertTrue(port.find());
            int listening = Integer.parseInt(port.group(1));
            String refusal = host.awaitErrorLine(line -> line.contains("listen beyond loopback"), Patience.SECONDS,
                    "the log line of a dashboard open without credentials");
            assertTrue(refusal.startsWith("ERROR") && refusal.contains(address + ":" + listening)
                    && refusal.contains("without credentials: every request is refused"), refusal);
            guardInPlace(listening);
            for (String via : List.of("127.0.0.1", address)) {
                RawHttp.Answer answer = RawHttp.send(listening, "GET", "/api/state", Map.of("Host", via + ":"
                        + listening), null);
                assertEquals(403, answer.status(), answer.toString());
                assertTrue(answer.body().contains("served beyond loopback without credentials"), answer.toString());
            }

            Files.createDirectories(directory.resolve("conf"));
            Files.writeString(directory.resolve("conf/org.nicmanager.operator.web.cfg"), "user = admin\n"
                    + "passwordSha256 = " + PASSWORD_SHA256 + "\n", StandardCharsets.UTF_8);
            host.awaitErrorLine(line -> line.contains("dashboard access: user admin (HTTP Basic)"), Patience.SECONDS,
                    "the new access settings");
            String hostHeader = address + ":" + listening;
            RawHttp.Answer anonymous = RawHttp.send(listening, "GET", "/api/state", Map.of("Host", hostHeader), null);
            assertEquals(401, anonymous.status(), anonymous.toString());
            assertEquals("Basic realm=\"NIC Manager\", charset=\"UTF-8\"", anonymous.header("WWW-Authenticate"));
            assertEquals(401, RawHttp.send(listening, "GET", "/api/state", Map.of("Host", hostHeader,
                    "Authorization", basic("admin:wrong")), null).status());
            RawHttp.Answer authenticated = RawHttp.send(listening, "GET", "/api/state", Map.of("Host",
                    hostHeader, "Authorization", basic("admin:" + PASSWORD)), null);
            assertEquals(200, authenticated.status(), authenticated.toString());
            assertEquals(403, RawHttp.send(listening, "GET", "/api/state", Map.of("Host", "evil.example:" + listening,
                    "Authorization", basic("admin:" + PASSWORD)), null).status(),
                    "credentials do not lift the Host check");
            assertEquals(0, host.exit(), host.errors());
        }
    }

    /**
     * Waits until the guard answers (its headers are on the answer): the whiteboard takes the guard in just after it
     * says it is open, and until then the servlets answer 503 or the container 404. Bounded; each try is a round trip.
     */
    private static void guardInPlace(int port) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        RawHttp.Answer answer;
        do {
            answer = RawHttp.send(port, "GET", "/api/state", Map.of("Host", "127.0.0.1:" + port), null);
            if (answer.header("X-Frame-Options") != null) {
                return;
            }
            assertTrue(answer.status() == 404 || answer.status() == 503, answer.toString());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the guard did not answer within 30 s: " + answer);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** An IPv4 address of this machine beyond loopback, or null. */
    private static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface face : NetworkInterface.networkInterfaces().toList()) {
            if (face.isUp() && !face.isLoopback()) {
                for (InetAddress address : face.inetAddresses().toList()) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return null;
    }
}
