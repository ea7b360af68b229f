package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The host's command line over SSH (issue 13, point 5), with Debian's OpenSSH client: configured through PID
 * {@code org.nicmanager.ssh} as the launcher's {@code --ssh-port} and {@code --ssh-authorized-keys} write it, a key in
 * {@code authorized_keys} runs {@code nic:list} and gets the host's NIC table with exit status 0, a failing command
 * gets a non-zero status, an interactive session prompts and runs lines, and a key that is not authorized is refused,
 * logged and posted as an event. Runs the host's real command console.
 */
public class SshConsoleTest extends NicManagerTestSupport {

    private static final String PID = "org.nicmanager.ssh";

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> handler;
    private LogReaderService logReader;
    private final LogListener logListener = this::logged;
    private Path folder;
    private OpenSshClient client;
    private Path goodKey;
    private int port;

    @Before
    public void listen() throws Exception {
        awaitService(CommandConsole.class, null);
        folder = Files.createTempDirectory("nicmgr-ssh-test");
        client = new OpenSshClient(folder);
        goodKey = client.newKey("good", "ecdsa");
        Files.copy(folder.resolve("good.pub"), folder.resolve("authorized_keys"));
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/ssh/*");
        handler = context.registerService(EventHandler.class, events::add, topics);
        logReader = awaitService(LogReaderService.class, null);
        logReader.addLogListener(logListener);

        port = freePort();
        Dictionary<String, Object> ssh = new Hashtable<>();
        ssh.put("port", port);
        ssh.put("host", "localhost");
        ssh.put("authorizedKeysFile", folder.resolve("authorized_keys").toString());
        ssh.put("hostKeyFile", folder.resolve("host_key").toString());
        configuration().update(ssh);
        Event listening = awaitEvent("nicmgr/ssh/LISTENING");
        assertEquals(port, listening.getProperty("port"));
        assertEquals("localhost", listening.getProperty("host"));
    }

    @After
    public void stop() throws Exception {
        configuration().delete();
        awaitEvent("nicmgr/ssh/STOPPED");
        handler.unregister();
        logReader.removeLogListener(logListener);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    public void aKeyInAuthorizedKeysRunsNicListAndGetsTheTableWithStatusZero() throws Exception {
        shell("hw:switch add swS --ports 4");
        shell("hw:nic add s0 --model e1000 --switch swS");
        shell("hw:nic add s1 --model e100 --switch swS");
        String local = shell("nic:list");

        OpenSshClient.Result result = client.ssh(goodKey, port, "", List.of(), "nic:list");

        assertEquals(result.err(), 0, result.status());
        assertTrue(result.out(), result.out().contains("s0") && result.out().contains("s1"));
        assertEquals("the same table as the local shell's", local.strip(), result.out().strip());
        assertEquals(result.err(), "", result.err());
    }

    @Test
    public void aFailingCommandEndsWithANonZeroStatusAndSaysWhy() throws Exception {
        OpenSshClient.Result result = client.ssh(goodKey, port, "", List.of(), "nic:show", "no-such-nic");

        assertNotEquals(result.out(), 0, result.status());
        assertNotEquals(255, result.status());
        assertTrue(result.err(), result.err().contains("no-such-nic"));
        assertTrue(result.err(), !result.err().contains("Exception") && !result.err().contains("\tat "));
    }

    @Test
    public void anInteractiveSessionPromptsAndRunsEachLine() throws Exception {
        shell("hw:switch add swI --ports 4");
        shell("hw:nic add i0 --model e1000 --switch swI");

        OpenSshClient.Result result = client.ssh(goodKey, port, "nic:list\rexit\r", List.of("-tt"));

        assertEquals(result.err(), 0, result.status());
        assertTrue(result.out(), result.out().contains("g! nic:list\r\n"));
        assertTrue(result.out(), result.out().contains("i0"));
    }

    @Test
    public void aKeyNotInAuthorizedKeysIsRefusedLoggedAndPosted() throws Exception {
        Path wrongKey = client.newKey("wrong", "ecdsa");

        OpenSshClient.Result result = client.ssh(wrongKey, port, "", List.of(), "nic:list");

        assertEquals(result.err(), 255, result.status());
        assertTrue(result.err(), result.err().contains("Permission denied (publickey)"));
        assertEquals("", result.out());
        String user = System.getProperty("user.name");
        Event refused = awaitEvent("nicmgr/ssh/LOGIN_REFUSED");
        assertEquals(user, refused.getProperty("user"));
        String warning = warnings.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("no log line for the refused login within " + WAIT_SECONDS + " s", warning);
        assertTrue(warning, warning.startsWith("SSH login refused: user '" + user + "' from /127.0.0.1:"));
        assertTrue(warning, warning.contains("refused: publickey ecdsa-sha2-nistp256 SHA256:"));
    }

    @Test
    public void aWrongConfigurationIsRefusedAndTheConsoleKeepsServing() throws Exception {
        Dictionary<String, Object> wrong = configuration().getProperties();
        wrong.put("port", "lots");
        configuration().update(wrong);

        Event refused = awaitEvent("nicmgr/ssh/CONFIGURATION_REFUSED");
        assertEquals("bad port 'lots': expected a TCP port 1..65535, or 0 for off", refused.getProperty("reason"));
        assertEquals(0, client.ssh(goodKey, port, "", List.of(), "nic:list").status());
    }

    private void logged(LogEntry entry) {
        if (entry.getMessage().startsWith("SSH login refused")) {
            warnings.add(entry.getMessage());
        }
    }

    private Event awaitEvent(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull("no " + topic + " within " + WAIT_SECONDS + " s", event);
            if (event.getTopic().equals(topic)) {
                return event;
            }
        }
    }

    /** The console's configuration, held while used: ConfigurationAdmin is a service factory. */
    private Configuration configuration() throws IOException {
        ServiceReference<ConfigurationAdmin> admin = context.getServiceReference(ConfigurationAdmin.class);
        try {
            return context.getService(admin).getConfiguration(PID, "?");
        } finally {
            context.ungetService(admin);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
