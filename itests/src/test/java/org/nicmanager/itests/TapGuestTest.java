package org.nicmanager.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * A network namespace is a real guest on the {@code tap} back end (issue 15 point 2), added through the shell: its own
 * IP stack resolves a simulated external host's address by ARP across the bond, so its broadcast left through the NIC
 * manager and the host's reply came back to it. Needs root, as CI runs; the namespace is removed even on failure.
 */
public class TapGuestTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:99:92";
    /** kernel:advance steps while the frames cross real threads and the namespace's stack, at most. */
    private static final int MAX_STEPS = 5_000;

    @Test
    public void aNamespaceGuestResolvesASimulatedHostByArpAcrossTheBond() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        try (TestNamespace guest = new TestNamespace()) {
            resolveAcrossTheBond(guest, "nmt" + guest.tag());
        }
    }

    private void resolveAcrossTheBond(TestNamespace guest, String tap) throws Exception {
        shell("hw:switch add sw92 --ports 4");
        shell("hw:nic add a92 --model e1000 --switch sw92");
        shell("hw:host add h92 --switch sw92 --mac " + HOST_MAC + " --ip 10.92.0.1");
        shell("bond:create bond92");
        shell("bond:add bond92 a92");
        shell("vm:create vm92");
        shell("vm:start vm92");
        shell("vnic:add vm92 --uplink bond92 --mac 02:00:00:00:92:01 --backend tap --tap " + tap);
        guest.moveIn(tap); // the TAP device has the virtual NIC's MAC from the start
        guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        guest.exec("ip", "link", "set", tap, "up");
        guest.exec("ip", "address", "add", "10.92.0.2/24", "dev", tap);
        // One datagram to the host makes the namespace's stack ask for its MAC.
        guest.exec("/usr/bin/python3", "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"
                + ".sendto(b'x', ('10.92.0.1', 9))");

        int steps = 0;
        while (!guest.exec("ip", "neigh", "show", "10.92.0.1").contains("lladdr " + HOST_MAC)) {
            if (++steps > MAX_STEPS) {
                fail("the namespace never learnt the host's MAC: " + guest.exec("ip", "neigh", "show")
                        + DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm92-0"));
            }
            shell("kernel:advance 1ms"); // the world drains the back end's ring between its actions
        }
        String vnic = DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm92-0");
        assertTrue(vnic, vnic.contains("\"backend\":\"tap\",\"guest\":\"" + tap + "\""));
        assertTrue(vnic, number(vnic, "txFrames") >= 1);
        assertTrue(vnic, number(vnic, "rxFrames") >= 1);
    }
}
