package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 6, a missing privilege: a host started from the exported jar without CAP_NET_RAW and CAP_NET_ADMIN
 * (root, with both taken out of its bounding set by {@code setpriv}) refuses {@code linux:add} naming CAP_NET_RAW and
 * a {@code tap} virtual NIC naming CAP_NET_ADMIN, each naming the value too, and neither changes anything. Needs root
 * and setpriv (util-linux), as CI has.
 */
class UnprivilegedHostTest {

    private static final List<String> WITHOUT_NET_CAPABILITIES = List.of("setpriv",
            "--bounding-set=-net_raw,-net_admin", "--inh-caps=-net_raw,-net_admin", "--");

    @Test
    void aHostWithoutNetCapabilitiesRefusesLinuxNicsAndTapDevicesNamingTheCapability() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(TestNamespace.possible(), "needs root, as CI runs");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        try (TestNamespace namespace = new TestNamespace();
                DemoHostProcess host = DemoHostProcess.startedThrough(WITHOUT_NET_CAPABILITIES,
                        List.of("--bare", "--clock", "real", "--http-port", "0"))) {
            String hostEnd = namespace.addPair(0);
            String tap = "nmt" + namespace.tag();

            host.type("linux:add up" + namespace.tag() + " --interface " + hostEnd);
            String noRaw = host.awaitErrorLine(line -> line.contains("CAP_NET_RAW"), Patience.SECONDS,
                    "a refusal naming CAP_NET_RAW");
            assertEquals("error: interface '" + hostEnd + "' cannot be used: a raw socket needs the capability"
                    + " CAP_NET_RAW, which this process lacks (EPERM (Operation not permitted)); run the host as root"
                    + " or grant it CAP_NET_RAW and CAP_NET_ADMIN", noRaw);
            assertEquals("{\"nics\":[]}", host.json("linux:list --json", "nics").toString());

            host.type("vm:create vmcap");
            host.type("vnic:add vmcap --backend tap --tap " + tap);
            String noAdmin = host.awaitErrorLine(line -> line.contains("CAP_NET_ADMIN"), Patience.SECONDS,
                    "a refusal naming CAP_NET_ADMIN");
            assertEquals("error: cannot create TAP device '" + tap + "': the tap back end needs the CAP_NET_ADMIN"
                    + " capability (run as root, or grant it: setcap cap_net_admin+ep on the java binary)", noAdmin);
            assertEquals("{\"vnics\":[]}", host.json("vnic:list --json", "vnics").toString());
            assertEquals(1, run("ip", "link", "show", tap), "no TAP device was left behind");
            assertEquals(0, host.exit(), host.errors());
        }
    }

    /** The exit code of a command, its output discarded. */
    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(Patience.SECONDS, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }
}
