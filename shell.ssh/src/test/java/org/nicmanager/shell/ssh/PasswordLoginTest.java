package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** Password login, only when configured: OpenSSH's client types the password through {@code SSH_ASKPASS}. */
class PasswordLoginTest {

    private static final String PASSWORD = "correct horse battery";
    private static final long REPORT_TIMEOUT_SECONDS = 30;

    @TempDir
    Path folder;

    private final CommandConsoleTestDouble console = new CommandConsoleTestDouble();
    private final BlockingQueue<RefusedLogin> refused = new LinkedBlockingQueue<>();
    private OpenSshClient client;
    private int port;
    private MinaConsoleServer server;

    @BeforeEach
    void listen() throws IOException {
        client = new OpenSshClient(folder);
        port = MinaConsoleServerTest.freePort();
        SshSettings settings = SshSettings.from(Map.of(SshSettings.PORT, port, SshSettings.PASSWORD_LOGIN, true,
                SshSettings.PASSWORD, PASSWORD, SshSettings.HOST_KEY_FILE, folder.resolve("host_key").toString()),
                folder.resolve("unused"));
        server = MinaConsoleServer.start(settings, console, refused::add);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void theConfiguredPasswordLogsIn() throws Exception {
        OpenSshClient.Result result = client.sshWithPassword(PASSWORD, port, "nic:list");

        assertEquals(0, result.status(), result.err());
        assertEquals(CommandConsoleTestDouble.NIC_TABLE, result.out());
    }

    @Test
    void aWrongPasswordIsRefusedAndReported() throws Exception {
        OpenSshClient.Result result = client.sshWithPassword("correct horse batterY", port, "nic:list");

        assertEquals(255, result.status());
        assertTrue(result.err().contains("Permission denied (password)"), result.err());
        assertTrue(console.commandLines.isEmpty());
        RefusedLogin login = refused.poll(REPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(login, "no refused login reported within " + REPORT_TIMEOUT_SECONDS + " s");
        assertEquals(List.of(MinaConsoleServer.PASSWORD), login.attempts());
        assertEquals(System.getProperty("user.name"), login.user());
    }
}
