package org.nicmanager.vmm.backends.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TAP device's promiscuity watch (issue 15, "Security"), on a real device in a uniquely named namespace: it sees
 * {@code ip link set DEV promisc on} and off and a sniffer's promiscuous packet membership, in the host's namespace and
 * after the device was moved into the guest's; and it holds no namespace alive, so deleting the guest's namespace
 * still takes the device with it. Needs root (CI runs as root); the namespace is removed even on failure.
 */
class TapPromiscuityWatchTest {

    private static final int COMMAND_SECONDS = 30;
    private static final int CHANGE_WAIT_SECONDS = 10;
    /** A sniffer's membership: PACKET_ADD_MEMBERSHIP with PACKET_MR_PROMISC, held until its standard input ends. */
    private static final String SNIFFER = "import socket,struct,sys; s=socket.socket(socket.AF_PACKET, socket.SOCK_RAW);"
            + " s.setsockopt(263, 1, struct.pack('iHH8s', socket.if_nametoindex(sys.argv[1]), 1, 0, b''));"
            + " print('member', flush=True); sys.stdin.read()";

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, 0x7fff_ffff));
    private final String namespace = "nm-" + suffix;
    private final String tap = "nmp" + suffix;
    private final LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
    private int fd = -1;
    private TapPromiscuityWatch watch;

    @BeforeEach
    void openTheDeviceAndWatchIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(run("id", "-u").trim().equals("0"), "needs root, as CI runs");
        run("ip", "netns", "add", namespace);
        fd = TapDevice.open(tap, false);
        watch = TapPromiscuityWatch.start(fd, tap, changes::add);
    }

    @AfterEach
    void removeEverything() throws Exception {
        try {
            if (watch != null) {
                watch.close();
            }
            if (fd >= 0) {
                LinuxCalls.close(fd);
            }
        } finally {
            new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void promiscModeSetWithIpLinkIsSeenBeforeAndAfterTheDeviceMovesIntoTheGuestsNamespace() throws Exception {
        run("ip", "link", "set", tap, "promisc", "on");
        assertEquals(true, nextChange(), "seen in the host's namespace");
        run("ip", "link", "set", tap, "promisc", "off");
        assertEquals(false, nextChange());

        run("ip", "link", "set", tap, "netns", namespace);
        run("ip", "-n", namespace, "link", "set", tap, "up");
        run("ip", "-n", namespace, "link", "set", tap, "promisc", "on");
        assertEquals(true, nextChange(), "seen in the guest's namespace");
        run("ip", "-n", namespace, "link", "set", tap, "promisc", "off");
        assertEquals(false, nextChange());
        assertNull(watch.problem());
    }

    @Test
    void aSniffersPromiscuousMembershipIsSeenUntilItEnds() throws Exception {
        run("ip", "link", "set", tap, "netns", namespace);
        run("ip", "-n", namespace, "link", "set", tap, "up");
        Process sniffer = new ProcessBuilder("ip", "netns", "exec", namespace, "/usr/bin/python3", "-c", SNIFFER, tap)
                .redirectErrorStream(true).start();
        try {
            assertEquals("member", new String(sniffer.getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
            assertEquals(true, nextChange(), "a sniffer's membership makes the device promiscuous");
        } finally {
            sniffer.getOutputStream().close(); // the sniffer ends, and the kernel drops its membership
            assertTrue(sniffer.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS), "the sniffer ended");
        }
        assertEquals(false, nextChange());
    }

    @Test
    void theWatchHoldsNoNamespaceAliveDeletingTheGuestsTakesTheDeviceAndEndsPromiscuity() throws Exception {
        run("ip", "link", "set", tap, "netns", namespace);
        run("ip", "-n", namespace, "link", "set", tap, "promisc", "on");
        assertEquals(true, nextChange());

        run("ip", "netns", "del", namespace);
        assertEquals(false, nextChange(), "the device is gone with its namespace: not promiscuous any more");
        Memory request = new Memory(40);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHANGE_WAIT_SECONDS);
        while (LinuxCalls.ioctl(fd, 0x800454d2L, request) >= 0) { // TUNGETIFF answers while the device is there
            assertTrue(System.nanoTime() < deadline, "the device went with its namespace within "
                    + CHANGE_WAIT_SECONDS + " s: nothing of the watch holds the namespace alive");
            Thread.onSpinWait();
        }
        assertNull(watch.problem(), "a device that is gone is no problem");
    }

    @Test
    void linkMessagesOfOtherInterfacesChangeNothing() throws Exception {
        run("ip", "link", "set", tap, "netns", namespace);
        run("ip", "-n", namespace, "link", "add", "d" + suffix, "type", "veth", "peer", "name", "e" + suffix);
        run("ip", "-n", namespace, "link", "set", "d" + suffix, "promisc", "on");
        run("ip", "-n", namespace, "link", "set", tap, "promisc", "on");
        assertEquals(true, nextChange(), "the device's own change");
        assertEquals(List.of(), List.copyOf(changes), "nothing of the other interface");
    }

    private Boolean nextChange() throws InterruptedException {
        Boolean change = changes.poll(CHANGE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (change == null) {
            throw new AssertionError("no promiscuity change within " + CHANGE_WAIT_SECONDS + " s");
        }
        return change;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
