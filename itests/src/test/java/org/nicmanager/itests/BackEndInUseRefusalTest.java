package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.Test;

/**
 * Issue 15 point 6 through the shell: a UDP port in use and a TAP name in use are refused by {@code vnic:add} with a
 * message naming the value, and the refused command changes nothing an operator sees.
 */
public class BackEndInUseRefusalTest extends NicManagerTestSupport {

    @Test
    public void aUdpPortInUseIsRefusedNamingItAndChangesNothing() throws Exception {
        shell("vm:create vm88");
        try (DatagramSocket holder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = holder.getLocalPort();
            String refusal = refused("vnic:add vm88 --backend udp --listen 127.0.0.1:" + port
                    + " --peer 127.0.0.1:9");
            assertTrue(refusal, refusal.contains("UDP port " + port + " is in use"));
        }
    }

    @Test
    public void aTapNameInUseIsRefusedNamingItAndChangesNothing() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        String tap = "nmt" + UUID.randomUUID().toString().substring(0, 8);
        shell("vm:create vm87");
        shell("vm:create vm86");
        try {
            shell("vnic:add vm87 --backend tap --tap " + tap);
            String refusal = refused("vnic:add vm86 --backend tap --tap " + tap);
            assertEquals("TAP name '" + tap + "' is in use: another process (or virtual NIC) holds that TAP device;"
                    + " choose another name", refusal);
            String notATap = refused("vnic:add vm86 --backend tap --tap lo");
            assertTrue(notATap, notATap.startsWith("TAP name 'lo' is in use by a network interface that is not"));
        } finally {
            Process removal = new ProcessBuilder("ip", "link", "del", tap).redirectErrorStream(true).start();
            removal.getInputStream().readAllBytes();
            removal.waitFor(); // gone already if the back end removed it
        }
    }

    /** What an operator sees of VMs and virtual NICs; a refused command must leave it as it was. */
    private String world() throws Exception {
        return shell("vm:list --json") + "\n" + shell("vnic:list --json");
    }

    private String refused(String command) throws Exception {
        return refused(command, this::world);
    }
}
