package org.nicmanager.vmm.backends.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.FrameBuilder;
import org.nicmanager.vmm.backends.io.RecordingPort;

/**
 * The {@code udp} back end on loopback (issue 15 point 2): a test socket plays the guest (QEMU's {@code -netdev
 * dgram}); frames cross both ways one per datagram, through the driver rings and the world thread, and frames of a
 * bad size are dropped with a reason and counted.
 */
class UdpBackendTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int MTU = 1500;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final RecordingPort port = new RecordingPort(world, MTU);
    private final UdpBackend backend = new UdpBackend(world);
    private DatagramSocket guest;
    private GuestConnection connection;

    @AfterEach
    void close() {
        if (connection != null) {
            world.run(connection::close);
        }
        if (guest != null) {
            guest.close();
        }
        world.close();
    }

    /** The guest's socket, and the back end listening on a port the system had free a moment ago. */
    private void connect() throws Exception {
        guest = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        guest.setSoTimeout((int) (RecordingPort.FRAME_WAIT_SECONDS * 1000));
        int listen = freePort();
        connection = world.call(() -> backend.open(port, Map.of("listen", "127.0.0.1:" + listen,
                "peer", "127.0.0.1:" + guest.getLocalPort())));
        guest.connect(new InetSocketAddress(LOOPBACK, listen));
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return probe.getLocalPort();
        }
    }

    private static byte[] frame(int lengthBytes, int marker) {
        return FrameBuilder.ethernet(0x0200_0000_000BL, 0x0200_0000_000AL).etherType(0x0800).u8(marker)
                .padTo(lengthBytes).build();
    }

    private void guestSends(byte[] frame) throws Exception {
        guest.send(new DatagramPacket(frame, frame.length));
    }

    @Test
    void framesTheGuestSendsReachTheDeviceOnTheWorldThreadOnePerDatagram() throws Exception {
        connect();
        for (int i = 0; i < 3; i++) {
            guestSends(frame(60 + i, i));
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(frame(60 + i, i), port.nextFromGuest());
        }
        assertTrue(port.wrongThread.isEmpty(), "the device was called off the world thread: " + port.wrongThread);
        assertEquals("127.0.0.1:" + guest.getPort() + " <-> 127.0.0.1:" + guest.getLocalPort(),
                connection.describe());
    }

    @Test
    void framesForTheGuestLeaveAsOneDatagramEach() throws Exception {
        connect();
        for (int i = 0; i < 3; i++) {
            FrameBuffer frame = FrameBuilder.ethernet(0x0200_0000_000AL, 0x0200_0000_000BL).etherType(0x0800)
                    .u8(i).padTo(100 + i).buildBuffer();
            world.run(() -> connection.received(frame));
        }
        byte[] buffer = new byte[2000];
        for (int i = 0; i < 3; i++) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            guest.receive(datagram);
            assertEquals(100 + i, datagram.getLength());
            assertEquals(i, buffer[14]);
        }
        assertEquals(Map.of(), connection.toGuestDropped());
    }

    @Test
    void framesLongerThanTheMtuOrShorterThanAnEthernetHeaderAreDroppedWithAReasonAndCounted() throws Exception {
        connect();
        guestSends(frame(MTU + 22 + 1, 1)); // one byte over the MTU with a doubly tagged header
        guestSends(frame(9000, 2));
        guestSends(Arrays.copyOf(frame(60, 3), 13));
        guestSends(frame(MTU + 22, 4)); // the longest allowed
        byte[] longest = port.nextFromGuest(); // datagrams are read in order, so the bad ones were read before
        assertEquals(MTU + 22, longest.length);
        assertEquals(0, port.waiting());
        assertEquals(Map.of("TOO_LONG", 2L, "TOO_SHORT", 1L), connection.fromGuestDropped());
    }

    @Test
    void malformedAddressesAreRefusedNamingTheValueAndTheFormAllowed() {
        assertEquals("bad --listen 'localhost': it is not HOST:PORT; expected HOST:PORT with a port in 1..65535,"
                + " e.g. 127.0.0.1:5555 or [::1]:5555", refusal(Map.of("listen", "localhost", "peer", "127.0.0.1:9")));
        assertEquals("bad --peer '127.0.0.1:70000': it has port 70000, outside 1..65535; expected HOST:PORT with a"
                + " port in 1..65535, e.g. 127.0.0.1:5555 or [::1]:5555",
                refusal(Map.of("listen", "127.0.0.1:9", "peer", "127.0.0.1:70000")));
        assertTrue(refusal(Map.of("listen", "127.0.0.1:9")).startsWith("bad --peer '': it is missing"));
        assertTrue(refusal(Map.of("listen", "::1:9", "peer", "127.0.0.1:9")).contains("IPv6 host without brackets"));
    }

    @Test
    void aListeningPortInUseIsRefusedNamingThePort() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            assertEquals("cannot listen on --listen " + listen + ": UDP port " + taken.getLocalPort()
                    + " is in use there; choose a free port", refusal(Map.of("listen", listen, "peer", "127.0.0.1:9")));
        }
    }

    private String refusal(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> world.call(() -> backend.open(port, options)))
                .getMessage();
    }
}
