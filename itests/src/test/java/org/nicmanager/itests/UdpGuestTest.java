package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.Test;

/**
 * A real guest on the {@code udp} back end, as QEMU's {@code -netdev dgram} would be one (issue 15 point 2), added
 * through the shell: its frame crosses the bond to an external host that echoes it, and the echo comes back to the
 * guest as a datagram. A test socket plays the guest.
 */
public class UdpGuestTest extends NicManagerTestSupport {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String HOST_MAC = "02:00:00:00:99:90";
    private static final String VM_MAC = "02:00:00:00:90:01";
    /** kernel:advance steps while the back end's reader hands the datagram to the world, at most. */
    private static final int MAX_STEPS = 5_000;

    @Test
    public void aUdpGuestsFrameCrossesTheBondToAnEchoingHostAndComesBack() throws Exception {
        shell("hw:switch add sw90 --ports 4");
        shell("hw:nic add a90 --model e1000 --switch sw90");
        shell("hw:host add h90 --switch sw90 --mac " + HOST_MAC);
        shell("hw:host echo h90 on");
        shell("bond:create bond90");
        shell("bond:add bond90 a90");
        shell("vm:create vm90");
        shell("vm:start vm90");
        try (DatagramSocket guest = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            guest.setSoTimeout((int) (WAIT_SECONDS * 1000));
            int listen = freePort();
            shell("vnic:add vm90 --uplink bond90 --mac " + VM_MAC + " --backend udp --listen 127.0.0.1:" + listen
                    + " --peer 127.0.0.1:" + guest.getLocalPort());
            guest.connect(new InetSocketAddress(LOOPBACK, listen));
            byte[] frame = new byte[60];
            putMac(frame, 0, 0x0200_0000_9990L);
            putMac(frame, 6, 0x0200_0000_9001L);
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5;
            guest.send(new DatagramPacket(frame, frame.length));

            int steps = 0;
            while (number(vnic(), "txFrames") == 0) {
                if (++steps > MAX_STEPS) {
                    fail("the guest's datagram never reached the virtual NIC: " + vnic());
                }
                shell("kernel:advance 1ms"); // the world drains the back end's ring between its actions
            }
            shell("kernel:advance 100ms");

            byte[] echo = new byte[2000];
            DatagramPacket datagram = new DatagramPacket(echo, echo.length);
            guest.receive(datagram);
            assertEquals(60, datagram.getLength());
            assertEquals("the echo is for the VM's MAC", 0x0200_0000_9001L, mac(echo, 0));
            String vnic = vnic();
            assertTrue(vnic, vnic.contains("\"backend\":\"udp\""));
            assertEquals(1, number(vnic, "rxFrames"));
            assertEquals(1, number(shell("hw:host stats h90 --json"), "rxFrames"));
        }
    }

    @Test
    public void anUnknownBackEndOrAMalformedAddressIsRefusedByNameAndChangesNothing() throws Exception {
        shell("vm:create vm91");
        refused("vnic:add vm91 --backend qemu", "unknown back end 'qemu'; registered: sim, tap, udp");
        refused("vnic:add vm91 --backend udp --listen 127.0.0.1 --peer 127.0.0.1:9",
                "bad --listen '127.0.0.1': it is not HOST:PORT");
        refused("vnic:add vm91 --backend sim --tap nmtap0", "back end sim takes no --tap; it takes: no options");
        assertTrue(shell("vnic:list --json").indexOf("vm91-") < 0);
    }

    private void refused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm90-0");
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return probe.getLocalPort();
        }
    }

    private static void putMac(byte[] frame, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            frame[offset + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    private static long mac(byte[] frame, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | frame[offset + i] & 0xFF;
        }
        return mac;
    }
}
