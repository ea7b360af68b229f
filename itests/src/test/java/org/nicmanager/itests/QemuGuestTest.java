package org.nicmanager.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * A real VM is a guest on the {@code udp} back end (issue 15 point 2): QEMU (TCG), booting from the network with the
 * iPXE ROM of its e1000, sends its DHCP discovery over {@code -netdev dgram} to the virtual NIC, and the frame crosses
 * the bond to a simulated external host. {@code scripts/install-test-tools.sh} installs QEMU and the ROMs.
 */
public class QemuGuestTest extends NicManagerTestSupport {

    private static final String QEMU = "/usr/bin/qemu-system-x86_64";
    private static final String VM_MAC = "02:00:00:00:93:01";
    /** kernel:advance steps while QEMU boots in real time (about 2 s to its first DHCP frame here), at most. */
    private static final int MAX_STEPS = 200_000;

    @Test
    public void aQemuGuestsDhcpDiscoveryReachesAnExternalHostThroughTheBond() throws Exception {
        if (!Files.isExecutable(Path.of(QEMU))) {
            fail(QEMU + " is missing: run scripts/install-test-tools.sh (qemu-system-x86, ipxe-qemu)");
        }
        shell("hw:switch add sw93 --ports 4");
        shell("hw:nic add a93 --model e1000 --switch sw93");
        shell("hw:host add h93 --switch sw93 --mac 02:00:00:00:99:93");
        shell("bond:create bond93");
        shell("bond:add bond93 a93");
        shell("vm:create vm93");
        shell("vm:start vm93");
        int listen = freePort();
        int qemuPort = freePort();
        shell("vnic:add vm93 --uplink bond93 --mac " + VM_MAC + " --backend udp --listen 127.0.0.1:" + listen
                + " --peer 127.0.0.1:" + qemuPort);
        Process qemu = new ProcessBuilder(List.of(QEMU, "-accel", "tcg", "-nodefaults", "-display", "none",
                "-serial", "none", "-monitor", "none", "-m", "64", "-boot", "n",
                "-netdev", "dgram,id=n,local.type=inet,local.host=127.0.0.1,local.port=" + qemuPort
                        + ",remote.type=inet,remote.host=127.0.0.1,remote.port=" + listen,
                "-device", "e1000,netdev=n,mac=" + VM_MAC))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int steps = 0;
            while (number(shell("hw:host stats h93 --json"), "rxFrames") == 0) {
                if (!qemu.isAlive()) {
                    fail("QEMU ended with " + qemu.exitValue() + " before its guest sent a frame");
                }
                if (++steps > MAX_STEPS) {
                    fail("no frame from the QEMU guest reached the host: " + vnic());
                }
                shell("kernel:advance 1ms"); // the world drains the back end's ring between its actions
            }
        } finally {
            qemu.destroy();
            if (!qemu.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
            }
        }
        String vnic = vnic();
        assertTrue(vnic, number(vnic, "txFrames") >= 1);
        assertTrue(vnic, vnic.contains("\"txDropped\":{}"));
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm93-0");
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        }
    }
}
