package org.nicmanager.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * A network namespace is a real guest on the {@code tap} back end (issue 15 point 2), added through the shell: its own
 * IP stack resolves a simulated external host's address by ARP across the bond, so its broadcast left through the NIC
 * manager and the host's reply came back to it. Needs root, as CI runs; the namespace is removed even on failure.
 */
public class TapGuestTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:99:92";
    private static final int COMMAND_SECONDS = 30;
    /** kernel:advance steps while the frames cross real threads and the namespace's stack, at most. */
    private static final int MAX_STEPS = 5_000;

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, 0x7fff_ffff));
    private final String namespace = "nm-" + suffix;
    private final String tap = "nmt" + suffix;
    private boolean namespaceMade;

    @After
    public void removeNamespace() throws Exception {
        if (namespaceMade) {
            new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aNamespaceGuestResolvesASimulatedHostByArpAcrossTheBond() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", run("id", "-u").trim().equals("0"));
        run("ip", "netns", "add", namespace);
        namespaceMade = true;
        shell("hw:switch add sw92 --ports 4");
        shell("hw:nic add a92 --model e1000 --switch sw92");
        shell("hw:host add h92 --switch sw92 --mac " + HOST_MAC + " --ip 10.92.0.1");
        shell("bond:create bond92");
        shell("bond:add bond92 a92");
        shell("vm:create vm92");
        shell("vm:start vm92");
        shell("vnic:add vm92 --uplink bond92 --mac 02:00:00:00:92:01 --backend tap --tap " + tap);
        run("ip", "link", "set", tap, "netns", namespace);
        inNamespace("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        inNamespace("ip", "link", "set", tap, "address", "02:00:00:00:92:01", "up");
        inNamespace("ip", "address", "add", "10.92.0.2/24", "dev", tap);
        // One datagram to the host makes the namespace's stack ask for its MAC.
        inNamespace("/usr/bin/python3", "-c", "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"
                + ".sendto(b'x', ('10.92.0.1', 9))");

        int steps = 0;
        while (!inNamespace("ip", "neigh", "show", "10.92.0.1").contains("lladdr " + HOST_MAC)) {
            if (++steps > MAX_STEPS) {
                fail("the namespace never learnt the host's MAC: " + inNamespace("ip", "neigh", "show")
                        + DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm92-0"));
            }
            shell("kernel:advance 1ms"); // the world drains the back end's ring between its actions
        }
        String vnic = DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm92-0");
        assertTrue(vnic, vnic.contains("\"backend\":\"tap\",\"guest\":\"" + tap + "\""));
        assertTrue(vnic, number(vnic, "txFrames") >= 1);
        assertTrue(vnic, number(vnic, "rxFrames") >= 1);
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
