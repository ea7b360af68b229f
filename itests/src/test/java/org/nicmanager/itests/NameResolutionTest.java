package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Issue 13, point 3: wherever a command names a destination or a target, a VM, a vNIC, a host or a NIC is taken by
 * name (COMMANDS.md), whichever bundle gave the name, and an unknown name is refused with the names that exist, by kind.
 * No MAC is typed here: the hosts get theirs from the simulated world, the VMs from the VMM.
 */
public class NameResolutionTest extends NicManagerTestSupport {

    /** A switch, an e1000 card, an external host with a MAC of the world's choosing, a running VM on the card. */
    private void setUp(String id) throws Exception {
        shell("hw:switch add nsw" + id + " --ports 8");
        shell("hw:nic add nic" + id + " --model e1000 --switch nsw" + id);
        shell("hw:host add host" + id + " --switch nsw" + id);
        shell("vm:create vm" + id);
        shell("vm:start vm" + id);
        shell("vnic:add vm" + id + " --uplink nic" + id);
    }

    @Test
    public void aGuestSendsToAHostByName() throws Exception {
        setUp("60");
        shell("guest:traffic vm60 --to host60 --rate 1Mbps --frame 100 --count 25");
        shell("kernel:advance 100ms");
        String host = shell("hw:host stats host60 --json");
        assertEquals(host, 25, number(host, "rxFrames"));
        assertEquals(host, 0, number(host, "lostFrames"));
    }

    @Test
    public void aHostSendsToAVmAndToAVnicByName() throws Exception {
        setUp("61");
        shell("hw:traffic host61 --to vm61 --rate 1Mbps --frame 500 --for 100ms");
        shell("kernel:advance 200ms");
        long sent = number(shell("hw:host stats host61 --json"), "txFrames");
        assertTrue("the host sent " + sent, sent > 0);
        assertEquals(sent, number(shell("guest:stats vm61 --json"), "rxFrames"));

        shell("hw:traffic host61 --to vm61-0 --rate 1Mbps --frame 500 --for 100ms"); // the vNIC by its own name
        shell("kernel:advance 200ms");
        long sentInAll = number(shell("hw:host stats host61 --json"), "txFrames");
        assertEquals(2 * sent, sentInAll);
        assertEquals(sentInAll, number(shell("guest:stats vm61 --json"), "rxFrames"));
    }

    @Test
    public void aFloodOfAVmByNameReachesItsVnicAndTheDefenceSeesIt() throws Exception {
        setUp("62");
        shell("guest:traffic vm62 --to host62 --rate 1Mbps --frame 100 --count 5"); // nsw62 learns where vm62 is
        shell("kernel:advance 100ms");
        String started = shell("hw:flood vm62 --rate 20kpps --for 500ms --kind syn");
        assertTrue(started, started.contains("vm62"));
        shell("kernel:advance 1s");
        // 20 kpps for 500 ms: every frame reaches the vNIC, delivered or, once the defence holds them, dropped.
        String vnic = objectOf(shell("vnic:list --json"), "name", "vm62-0");
        assertEquals(vnic, 10_000, number(vnic, "rxFrames") + number(vnic, "rxDrops"));
        String detection = objectOf(shell("dos:status --json"), "target", "vm62");
        assertEquals(detection, "SYN_FLOOD", field(detection, "\"kind\":\"(\\w+)\""));
        String events = shell("events --json");
        assertTrue(events, events.contains("\"topic\":\"nicmgr/hw/FLOOD_STARTED\",\"subject\":\"vm62\""));
    }

    @Test
    public void anUnknownNameIsRefusedWithTheNamesThatExistByKind() throws Exception {
        setUp("63");
        String guest = refusal("guest:traffic vm63 --to nosuch63 --rate 1Mbps");
        assertTrue(guest, guest.startsWith("unknown --to 'nosuch63': the name of a VM, a vNIC, a host or a NIC, or a"
                + " MAC like 02:00:00:00:00:01; VMs: "));
        assertListed(guest, "VMs", "vm63");
        assertListed(guest, "vNICs", "vm63-0");
        assertListed(guest, "hosts", "host63");
        assertListed(guest, "NICs", "nic63");

        String traffic = refusal("hw:traffic host63 --to nosuch63");
        assertTrue(traffic, traffic.startsWith("unknown --to 'nosuch63': "));
        assertListed(traffic, "VMs", "vm63");
        String flood = refusal("hw:flood nosuch63 --rate 1kpps --for 1s");
        assertTrue(flood, flood.startsWith("unknown TARGET 'nosuch63': "));
        assertListed(flood, "hosts", "host63");

        String capture = refusal("capture nosuch63 nosuch63.pcap");
        assertTrue(capture, capture.startsWith("unknown port 'nosuch63': "));
        assertListed(capture, "NICs", "nic63");
        String vnic = refusal("capture vm63-0 vm63.pcap");
        assertTrue(vnic, vnic.startsWith("'vm63-0' is a vNIC of vm63, which has no cable to capture on;"));
        String switchBox = refusal("capture nsw63 nsw63.pcap");
        assertTrue(switchBox, switchBox.startsWith("'nsw63' is a switch; capture one of its ports as nsw63/N"));

        String migrate = refusal("vm:migrate ghost63 --to far");
        assertTrue(migrate, migrate.startsWith("unknown VM 'ghost63': the name of a VM, or the MAC of one of them;"
                + " VMs: "));
        String policy = refusal("dos:policy vm63-0 --responses hold");
        assertTrue(policy, policy.startsWith("VM 'vm63-0' is a vNIC of vm63, but VM takes the name of a VM"));
        String wrongKind = refusal("hw:traffic host63 --to nsw63");
        assertTrue(wrongKind, wrongKind.startsWith("--to 'nsw63' is a switch, but --to takes the name of a VM"));
    }

    @Test
    public void macsStillWorkAndResolveToTheirOwner() throws Exception {
        setUp("64");
        String mac = field(shell("vnic:list --json"), "\\{\"name\":\"vm64-0\",\"vm\":\"vm64\",\"mac\":\"([^\"]+)\"");
        shell("guest:traffic vm64 --to 02:00:00:00:64:64 --rate 1Mbps --frame 100 --count 3"); // claimed by no one
        shell("hw:traffic host64 --to " + mac + " --rate 1Mbps --frame 500 --for 50ms");
        shell("kernel:advance 100ms");
        long sent = number(shell("hw:host stats host64 --json"), "txFrames");
        assertTrue("the host sent " + sent, sent > 0);
        assertEquals(sent, number(shell("guest:stats vm64 --json"), "rxFrames"));
    }

    /** Each group is {@code KIND: a, b, ...} up to the next {@code ;}; the name is one of them. */
    private static void assertListed(String refusal, String kind, String name) {
        Matcher group = Pattern.compile("(?:^|; )" + kind + ": ([^;]*)").matcher(refusal);
        assertTrue(kind + " listed in: " + refusal, group.find());
        String names = group.group(1).replaceFirst(" and \\d+ more$", "");
        assertTrue(name + " among the " + kind + " in: " + refusal, List.of(names.split(", ")).contains(name));
    }

    private String refusal(String command) throws Exception {
        try {
            shell(command);
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
        fail(command + " was accepted");
        return null;
    }

    /** The flat JSON object whose {@code key} is {@code value}. */
    private static String objectOf(String json, String key, String value) {
        Matcher object = Pattern.compile("\\{\"" + key + "\":\"" + value + "\"[^}]*\\}").matcher(json);
        assertTrue(json, object.find());
        return object.group();
    }
}
