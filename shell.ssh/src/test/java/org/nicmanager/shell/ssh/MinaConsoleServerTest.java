package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH server against Debian's OpenSSH client, with a test double of the command console: one command with its
 * output and exit status, an interactive session with and without a terminal, and refused logins.
 */
class MinaConsoleServerTest {

    @TempDir
    Path folder;

    private final CommandConsoleTestDouble console = new CommandConsoleTestDouble();
    /** A generous bound for the server to notice a connection's end; the test fails instead of hanging. */
    private static final long REPORT_TIMEOUT_SECONDS = 30;

    private final BlockingQueue<RefusedLogin> refused = new LinkedBlockingQueue<>();
    private OpenSshClient client;
    private Path goodKey;
    private int port;
    private MinaConsoleServer server;

    @BeforeEach
    void listen() throws Exception {
        client = new OpenSshClient(folder);
        goodKey = client.newKey("good", "ecdsa");
        Files.copy(folder.resolve("good.pub"), folder.resolve("authorized_keys"));
        port = freePort();
        server = MinaConsoleServer.start(settings(), console, refused::add);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private SshSettings settings() {
        return SshSettings.from(Map.of(SshSettings.PORT, port, SshSettings.AUTHORIZED_KEYS_FILE,
                folder.resolve("authorized_keys").toString(), SshSettings.HOST_KEY_FILE,
                folder.resolve("host_key").toString()), folder.resolve("unused"));
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void oneCommandPrintsItsOutputAndExitsWithZero() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "", List.of(), "nic:list");

        assertEquals(0, result.status(), result.err());
        assertEquals(CommandConsoleTestDouble.NIC_TABLE, result.out());
        assertEquals(List.of("nic:list"), console.commandLines);
        assertTrue(refused.isEmpty(), refused::toString);
    }

    @Test
    void aFailingCommandEndsWithANonZeroStatusAndItsMessageOnStandardError() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "", List.of(), "nic:bogus");

        assertEquals(1, result.status());
        assertEquals("", result.out());
        assertEquals("unknown command 'nic:bogus'\n", result.err());
    }

    @Test
    void aKeyThatIsNotAuthorizedIsRefusedAndReported() throws Exception {
        Path wrongKey = client.newKey("wrong", "ecdsa");

        OpenSshClient.Result result = client.ssh(wrongKey, port, "", List.of(), "nic:list");

        assertEquals(255, result.status(), "ssh's status for a failed login");
        assertTrue(result.err().contains("Permission denied (publickey)"), result.err());
        assertEquals("", result.out());
        assertTrue(console.commandLines.isEmpty(), "no command ran");
        RefusedLogin login = nextRefusal();
        assertEquals(System.getProperty("user.name"), login.user());
        assertTrue(login.remote().contains("127.0.0.1") || login.remote().contains("0:0:0:0:0:0:0:1"), login.remote());
        assertEquals(1, login.attempts().size(), login.toString());
        assertTrue(login.attempts().get(0).startsWith("publickey ecdsa-sha2-nistp256 SHA256:"), login.toString());
        assertTrue(refused.isEmpty(), "one report for the connection: " + refused);
    }

    private RefusedLogin nextRefusal() throws InterruptedException {
        RefusedLogin login = refused.poll(REPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertTrue(login != null, "no refused login reported within " + REPORT_TIMEOUT_SECONDS + " s");
        return login;
    }

    @Test
    void noPasswordOrKeyboardInteractiveLoginIsOffered() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "",
                List.of("-o", "PreferredAuthentications=password,keyboard-interactive"), "nic:list");

        assertEquals(255, result.status());
        assertTrue(result.err().contains("Permission denied (publickey)"), result.err());
        assertTrue(console.commandLines.isEmpty());
    }

    /** MINA SSHD checks Ed25519 keys only with Bouncy Castle or net.i2p's EdDSA, which the host does not carry. */
    @Test
    void anEd25519KeyIsRefusedAndReportedAsNothingTheServerCanCheck() throws Exception {
        Path edKey = client.newKey("ed", "ed25519");
        Files.writeString(folder.resolve("authorized_keys"), Files.readString(folder.resolve("ed.pub")));

        OpenSshClient.Result result = client.ssh(edKey, port, "", List.of(), "nic:list");

        assertEquals(255, result.status(), result.err());
        assertTrue(console.commandLines.isEmpty());
        assertEquals(List.of(), nextRefusal().attempts());
    }

    @Test
    void anInteractiveSessionWithATerminalPromptsEchoesAndEndsOnExit() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "echo h\u00e9llo\rnic:list\rexit\r",
                List.of("-tt"));

        assertEquals(0, result.status(), result.err());
        String out = result.out();
        assertTrue(out.startsWith(ConsoleShell.GREETING + "\r\n" + ConsoleShell.PROMPT), out);
        assertTrue(out.contains(ConsoleShell.PROMPT + "echo h\u00e9llo\r\nh\u00e9llo\r\n" + ConsoleShell.PROMPT), out);
        assertTrue(out.contains("nic:list\r\nname     driver    mtu\r\nvmnic0   e1000sim  1500\r\n"), out);
        assertEquals(List.of("echo h\u00e9llo", "nic:list"), console.commandLines);
    }

    @Test
    void anInteractiveSessionWithoutATerminalReadsCommandLinesLikeAScript() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "nic:list\nnic:bogus\n", List.of("-T"));

        assertEquals(1, result.status(), "the last command line failed");
        assertEquals(CommandConsoleTestDouble.NIC_TABLE, result.out());
        assertEquals("unknown command 'nic:bogus'\n", result.err());
    }

    @Test
    void theHostKeyIsKeptAcrossRestarts() throws Exception {
        String first = server.hostKeyFingerprint();
        server.close();
        server = MinaConsoleServer.start(settings(), console, refused::add);

        assertEquals(first, server.hostKeyFingerprint());
        assertEquals(0, client.ssh(goodKey, port, "", List.of(), "nic:list").status(),
                "the client's known_hosts entry still matches");
    }

    @Test
    void closingStopsListening() throws Exception {
        server.close();

        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("localhost", port)));
        }
    }
}
