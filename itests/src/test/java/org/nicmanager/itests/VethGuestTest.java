package org.nicmanager.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import org.junit.Test;

/**
 * A network namespace is a real guest on the {@code veth} back end (issue 15): the host opens its end of the guest's
 * veth pair as a Linux NIC is opened (memory-mapped rings, I/O threads), and the guest's own IP stack resolves a
 * simulated external host's address by ARP across the bond, so its broadcast left through the NIC manager and the
 * host's reply came back to it. Bad input is refused naming the value and changes nothing. Needs root, as CI runs;
 * the namespace and its pair are removed even on failure.
 */
public class VethGuestTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:99:93";
    private static final String GUEST_MAC = "02:00:00:00:93:01";
    /** kernel:advance steps while the frames cross real threads and the namespace's stack, at most. */
    private static final int MAX_STEPS = 5_000;

    @Test
    public void aNamespaceGuestOnAVethResolvesASimulatedHostByArpAcrossTheBond() throws Exception {
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        try (TestNamespace guest = new TestNamespace()) {
            String hostEnd = guest.addPair(0);
            String guestEnd = guest.peerEnd(0);
            shell("hw:switch add sw93 --ports 4");
            shell("hw:nic add a93 --model e1000 --switch sw93");
            shell("hw:host add h93 --switch sw93 --mac " + HOST_MAC + " --ip 10.93.0.1");
            shell("bond:create bond93");
            shell("bond:add bond93 a93");
            shell("vm:create vm93");
            shell("vm:start vm93");
            badInputIsRefused(hostEnd);

            shell("vnic:add vm93 --uplink bond93 --mac " + GUEST_MAC + " --backend veth --interface " + hostEnd);
            guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
            guest.exec("ip", "link", "set", guestEnd, "address", GUEST_MAC, "up");
            guest.exec("ip", "address", "add", "10.93.0.2/24", "dev", guestEnd);
            // One datagram to the host makes the namespace's stack ask for its MAC.
            guest.exec("/usr/bin/python3", "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"
                    + ".sendto(b'x', ('10.93.0.1', 9))");

            int steps = 0;
            while (!guest.exec("ip", "neigh", "show", "10.93.0.1").contains("lladdr " + HOST_MAC)) {
                if (++steps > MAX_STEPS) {
                    fail("the namespace never learnt the host's MAC: " + guest.exec("ip", "neigh", "show")
                            + DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm93-0"));
                }
                shell("kernel:advance 1ms"); // the world drains the back end's ring between its actions
            }
            String vnic = DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm93-0");
            assertTrue(vnic, vnic.contains("\"backend\":\"veth\",\"guest\":\"veth " + hostEnd + " ("));
            assertTrue(vnic, number(vnic, "txFrames") >= 1);
            assertTrue(vnic, number(vnic, "rxFrames") >= 1);

            String taken = refused("vnic:add vm93 --uplink bond93 --backend veth --interface " + hostEnd);
            assertTrue(taken, taken.contains("'" + hostEnd + "'") && taken.contains("vnic vm93-0"));
            String asNic = refused("linux:add g93 --interface " + hostEnd);
            assertTrue(asNic, asNic.contains("'" + hostEnd + "'") && asNic.contains("vnic vm93-0"));
        }
    }

    private void badInputIsRefused(String hostEnd) throws Exception {
        String missing = refused("vnic:add vm93 --uplink bond93 --backend veth");
        assertTrue(missing, missing.contains("--interface"));
        String unknown = refused("vnic:add vm93 --uplink bond93 --backend veth --interface nmnone93");
        assertTrue(unknown, unknown.contains("'nmnone93'") && unknown.contains(hostEnd));
    }

    private String world() throws Exception {
        return shell("vnic:list --json") + "\n" + shell("linux:list --json");
    }

    private String refused(String command) throws Exception {
        return refused(command, this::world);
    }
}
