package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The wire format, checked by a real decoder: {@code capture} writes a pcap of a bond member's port while the bond
 * negotiates LACP with its switch; tshark (Debian's package, which {@code ./nicmgr test} installs) decodes every LACPDU with
 * no malformed packet and no expert warning, and the actor and partner fields of the last LACPDUs each way equal
 * those {@code lacp:show} gives.
 */
public class LacpCaptureTest extends NicManagerTestSupport {

    private static final String[] FIELDS = {"eth.src", "lacp.actor.sys_priority", "lacp.actor.sysid",
        "lacp.actor.key", "lacp.actor.port_priority", "lacp.actor.port", "lacp.actor.state",
        "lacp.partner.sys_priority", "lacp.partner.sysid", "lacp.partner.key", "lacp.partner.port_priority",
        "lacp.partner.port", "lacp.partner.state"};

    @Test
    public void tsharkDecodesTheCapturedLacpdusAsLacpShowGivesThem() throws Exception {
        String tshark = tshark();
        Path folder = temporaryFolder("nicmgr-capture");
        Path pcap = folder.resolve("w0.pcap");
        shell("hw:switch add swW --ports 4 --lacp active --lacp-rate fast");
        shell("hw:nic add w0 --model e1000 --switch swW");
        shell("hw:nic add w1 --model e1000 --switch swW");
        shell("bond:create bondW --lacp active --lacp-rate fast");
        shell("bond:add bondW w0 w1");
        String started = shell("capture w0 " + pcap + " --for 5s");
        assertTrue(started, started.contains("RUNNING"));
        shell("kernel:advance 6s");
        String captures = shell("capture list --json");
        assertTrue(captures, captures.contains("\"port\":\"w0\",\"file\":\"" + pcap + "\",\"state\":\"ENDED\""));

        String decoded = run(tshark, "-r", pcap.toString(), "-V");
        assertTrue(decoded, decoded.contains("Link Aggregation Control Protocol"));
        assertFalse(decoded, decoded.contains("Malformed"));
        assertFalse(decoded, decoded.contains("Expert Info"));

        String show = shell("lacp:show bondW --json");
        String member = field(show, "(\\{\"name\":\"w0\".*?\"lacpdusSent\":\\d+\\})");
        String mac = field(shell("nic:show w0 --json"), "\"mac\":\"([0-9a-f:]+)\"");
        List<String[]> lacpdus = new ArrayList<>();
        List<String> fields = new ArrayList<>(List.of(tshark, "-r", pcap.toString(), "-Y", "lacp", "-T", "fields",
                "-E", "separator=;"));
        for (String name : FIELDS) {
            fields.add("-e");
            fields.add(name);
        }
        for (String line : run(fields.toArray(String[]::new)).split("\n")) {
            if (!line.isBlank()) {
                lacpdus.add(line.trim().split(";", -1));
            }
        }
        assertTrue("LACPDUs both ways: " + lacpdus.size(), lacpdus.size() >= 8);
        String[] sent = last(lacpdus, mac, true);
        String[] received = last(lacpdus, mac, false);
        assertParticipant("our actor", object(member, "actor"), sent, 1);
        assertParticipant("our partner", object(member, "partner"), sent, 7);
        assertParticipant("the switch as actor", object(member, "partner"), received, 1);
    }

    /** The path of tshark; the test fails, saying how to install it, when there is none. */
    private static String tshark() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(folder, "tshark");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new AssertionError("tshark is not installed, so the captured LACPDUs cannot be checked by a real"
                + " decoder: run scripts/install-test-tools.sh as root (./nicmgr test does this)");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> words = Arrays.asList(command);
        Process process = new ProcessBuilder(words).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(words + " did not finish", process.waitFor(Patience.SECONDS, TimeUnit.SECONDS));
        assertEquals(words + " failed", 0, process.exitValue());
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The last LACPDU the NIC sent ({@code fromUs}) or received. */
    private static String[] last(List<String[]> lacpdus, String mac, boolean fromUs) {
        for (int i = lacpdus.size() - 1; i >= 0; i--) {
            if (lacpdus.get(i)[0].equals(mac) == fromUs) {
                return lacpdus.get(i);
            }
        }
        throw new AssertionError("no LACPDU " + (fromUs ? "from " : "to ") + mac);
    }

    private static String object(String json, String name) {
        return field(json, "(\"" + name + "\":\\{[^}]*\\})");
    }

    /** System priority, system, key, port priority, port and state, from {@code first} on in tshark's fields. */
    private static void assertParticipant(String what, String shown, String[] fields, int first) {
        assertEquals(what + " system priority", String.valueOf(number(shown, "systemPriority")), fields[first]);
        assertEquals(what + " system", field(shown, "\"system\":\"([0-9a-f:]+)\""), fields[first + 1]);
        assertEquals(what + " key", String.valueOf(number(shown, "key")), fields[first + 2]);
        assertEquals(what + " port priority", String.valueOf(number(shown, "portPriority")), fields[first + 3]);
        assertEquals(what + " port", String.valueOf(number(shown, "port")), fields[first + 4]);
        assertEquals(what + " state", String.format("0x%02x", number(shown, "stateBits")), fields[first + 5]);
    }
}
