package org.nicmanager.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * {@code capture} never opens its file on the network world's thread and never through a link (issue 13): a FIFO, which
 * would block whoever opened it until a reader came, is refused and the host keeps answering; a planted symbolic link
 * is refused and its target untouched; an existing file is replaced only with {@code --force}.
 */
public class CaptureSafetyTest extends NicManagerTestSupport {

    private static final byte[] PRECIOUS = "the operator's notes".getBytes(StandardCharsets.US_ASCII);

    @Test
    public void aCaptureToAFifoIsRefusedAndTheHostKeepsAnswering() throws Exception {
        cabledNic("c0");
        Path fifo = temporaryFolder("capture").resolve("live.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue("mkfifo " + fifo, mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        for (String force : new String[] {"", " --force"}) {
            refused("capture c0 " + fifo + force, "capture file '" + fifo + "' exists and is a FIFO, socket or"
                    + " device; a capture writes a new regular file only");
        }
        assertTrue(shell("kernel:info").contains("VIRTUAL"));
        shell("kernel:advance 1s");
        String captures = shell("capture list --json");
        assertTrue("no capture was started: " + captures, !captures.contains("\"port\":\"c0\""));
    }

    @Test
    public void aCaptureThroughASymbolicLinkIsRefusedAndItsTargetUntouched() throws Exception {
        cabledNic("c1");
        Path folder = temporaryFolder("capture");
        Path target = Files.write(folder.resolve("notes.txt"), PRECIOUS);
        Path link = Files.createSymbolicLink(folder.resolve("c1.pcap"), target);
        refused("capture c1 " + link, "capture file '" + link + "' exists (a symbolic link); give --force to replace it"
                + " (the link, never its target)");
        assertArrayEquals(PRECIOUS, Files.readAllBytes(target));

        shell("capture c1 " + link + " --force");
        shell("kernel:advance 100ms");
        String stopped = shell("capture stop c1");
        assertTrue(stopped, stopped.contains("ENDED"));
        assertArrayEquals("the link's target is never written", PRECIOUS, Files.readAllBytes(target));
        assertTrue("the link itself became the capture", Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS));
        assertPcap(link);
    }

    @Test
    public void anExistingFileIsReplacedOnlyWithForce() throws Exception {
        cabledNic("c2");
        Path file = Files.write(temporaryFolder("capture").resolve("old.pcap"), PRECIOUS);
        refused("capture c2 " + file, "capture file '" + file + "' exists (a file); give --force to replace it");
        assertArrayEquals(PRECIOUS, Files.readAllBytes(file));

        shell("capture c2 " + file + " --force");
        shell("kernel:advance 100ms");
        assertTrue(shell("capture stop c2").contains("ENDED"));
        assertPcap(file);
    }

    private void cabledNic(String name) throws Exception {
        shell("hw:switch add sw-" + name + " --ports 2");
        shell("hw:nic add " + name + " --model e1000 --switch sw-" + name);
    }

    private void refused(String command, String message) throws Exception {
        try {
            shell(command);
            fail(command + " was not refused");
        } catch (IllegalArgumentException expected) {
            assertEquals(message, expected.getMessage());
        }
    }

    private static void assertPcap(Path file) throws Exception {
        ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("libpcap with nanosecond timestamps", 0xA1B23C4D, pcap.getInt(0));
    }
}
