package org.nicmanager.vmm.backends.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.FrameBuilder;
import org.nicmanager.vmm.backends.io.RecordingPort;

/**
 * The {@code tap} back end with a real guest (issue 15 point 2): a uniquely named network namespace holding the TAP
 * device, with its own IP stack. The device is moved into the namespace after it is opened, and the descriptor keeps
 * working. Frames cross both ways: a raw frame sent from inside the namespace reaches the device, and an ARP request
 * written to the guest is answered by the namespace's stack. Needs root (CI runs as root); the namespace is removed
 * after each test, even on failure.
 */
class TapBackendNamespaceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HOST_MAC = 0x0200_0000_000AL;
    private static final long GUEST_MAC = 0x0200_0000_000BL;
    private static final int HOST_IP = 0x0A63_0001; // 10.99.0.1
    private static final int GUEST_IP = 0x0A63_0002; // 10.99.0.2
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int COMMAND_SECONDS = 30;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final RecordingPort port = new RecordingPort(world, 1500, GUEST_MAC);
    private final TapBackend backend = new TapBackend(world);
    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, 0x7fff_ffff));
    private final String namespace = "nm-" + suffix;
    private final String tap = "nmt" + suffix;
    private final List<GuestConnection> opened = new ArrayList<>();

    @BeforeEach
    void requireRootAndTap() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(run("id", "-u").trim().equals("0"), "needs root, as CI runs");
        run("ip", "netns", "add", namespace);
    }

    @AfterEach
    void removeEverything() throws Exception {
        try {
            for (GuestConnection connection : opened) {
                world.run(connection::close);
            }
        } finally {
            world.close();
            new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
        }
    }

    private GuestConnection open(String name) {
        GuestConnection connection = world.call(() -> backend.open(port, Map.of("tap", name)));
        opened.add(connection);
        return connection;
    }

    /** Opens the TAP device (with the virtual NIC's MAC from the start) and moves it into the namespace. */
    private GuestConnection guestInNamespace() throws Exception {
        GuestConnection connection = open(tap);
        run("ip", "link", "set", tap, "netns", namespace);
        inNamespace("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"); // no router solicitations
        inNamespace("ip", "link", "set", tap, "up");
        inNamespace("ip", "address", "add", "10.99.0.2/24", "dev", tap);
        return connection;
    }

    @Test
    void aFrameSentFromTheNamespaceReachesTheDevice() throws Exception {
        GuestConnection connection = guestInNamespace();
        assertEquals(tap, connection.describe());
        String frame = "02000000000a" + "02000000000b" + "88b5" + "6e6d".repeat(23); // local experimental EtherType
        inNamespace("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_PACKET, socket.SOCK_RAW);"
                + " s.bind((sys.argv[1], 0)); s.send(bytes.fromhex(sys.argv[2]))", tap, frame);
        byte[] received = nextFromGuest(bytes -> etherType(bytes) == 0x88b5);
        assertEquals(60, received.length);
        assertEquals(GUEST_MAC, mac(received, 6));
        assertTrue(port.wrongThread.isEmpty(), "the device was called off the world thread: " + port.wrongThread);
    }

    @Test
    void aGuestThatSetsAnotherMacIsReportedToItsPortOnce() throws Exception {
        guestInNamespace();
        inNamespace("ip", "link", "set", tap, "address", "02:00:00:00:00:99");
        String frame = "02000000000a" + "020000000099" + "88b5" + "6e6d".repeat(23);
        for (int i = 0; i < 3; i++) {
            inNamespace("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_PACKET,"
                    + " socket.SOCK_RAW); s.bind((sys.argv[1], 0)); s.send(bytes.fromhex(sys.argv[2]))", tap, frame);
            nextFromGuest(bytes -> etherType(bytes) == 0x88b5);
        }
        world.run(() -> { }); // the report was posted to the world before the frame
        assertEquals(List.of(0x0200_0000_0099L), port.guestMacs, "one report, from the device's own MAC");
        assertTrue(port.wrongThread.isEmpty(), "the device was called off the world thread: " + port.wrongThread);
    }

    @Test
    void theNamespacesStackAnswersAnArpRequestWrittenToTheGuest() throws Exception {
        GuestConnection connection = guestInNamespace();
        world.run(() -> connection.received(FrameBuilder.ethernet(0xFFFF_FFFF_FFFFL, HOST_MAC)
                .etherType(ETHERTYPE_ARP).arpRequest(HOST_MAC, HOST_IP, GUEST_IP).padTo(60).buildBuffer()));
        byte[] reply = nextFromGuest(bytes -> etherType(bytes) == ETHERTYPE_ARP && (bytes[21] & 0xFF) == 2);
        assertEquals(HOST_MAC, mac(reply, 0), "the reply goes to the host's MAC");
        assertEquals(GUEST_MAC, mac(reply, 22), "the guest says 10.99.0.2 is at its MAC");
        assertEquals(Map.of(), connection.toGuestDropped());
    }

    @Test
    void aGuestWhoseNamespaceIsDeletedIsShownGoneAndFramesForItAreDroppedWithAReason() throws Exception {
        GuestConnection connection = guestInNamespace();
        run("ip", "netns", "del", namespace); // takes the TAP device with it
        awaitTrue(() -> connection.describe().equals(tap + " (gone)"), "the back end saw the device go");
        world.run(() -> connection.received(FrameBuilder.ethernet(GUEST_MAC, HOST_MAC).etherType(ETHERTYPE_ARP)
                .padTo(60).buildBuffer()));
        awaitTrue(() -> Map.of("GUEST_GONE", 1L).equals(connection.toGuestDropped()), "the frame was counted");
    }

    /** Waits a bounded time for what real threads do; fails when it does not happen. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingPort.FRAME_WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + RecordingPort.FRAME_WAIT_SECONDS + " s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aTapNameInUseIsRefusedNamingItAndChangesNothing() {
        open(tap);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> open(tap));
        assertEquals("TAP name '" + tap + "' is in use: another process (or virtual NIC) holds that TAP device;"
                + " choose another name", refused.getMessage());
        IllegalArgumentException loopback = assertThrows(IllegalArgumentException.class, () -> open("lo"));
        assertTrue(loopback.getMessage().startsWith("TAP name 'lo' is in use by a network interface that is not"),
                loopback.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> open("a/b"));
        assertTrue(bad.getMessage().startsWith("bad --tap 'a/b'"), bad.getMessage());
    }

    @Test
    void aMissingCapNetAdminIsRefusedNamingTheCapability() {
        world.run(() -> ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_NET_ADMIN)); // the world's thread only
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> open(tap));
        assertEquals("cannot create TAP device '" + tap + "': the tap back end needs the CAP_NET_ADMIN capability (run"
                + " as root, or grant it: setcap cap_net_admin+ep on the java binary)", refused.getMessage());
    }

    /** The next frame from the guest that matches, skipping others (the namespace's own chatter), within a bound. */
    private byte[] nextFromGuest(Predicate<byte[]> wanted) throws InterruptedException {
        for (int skipped = 0; skipped < 100; skipped++) {
            byte[] frame = port.nextFromGuest();
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("100 frames from the guest, none of them the one expected");
    }

    private static int etherType(byte[] frame) {
        return (frame[12] & 0xFF) << 8 | frame[13] & 0xFF;
    }

    private static long mac(byte[] frame, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | frame[offset + i] & 0xFF;
        }
        return mac;
    }

    private String inNamespace(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        words.addAll(List.of(command));
        return run(words.toArray(String[]::new));
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
