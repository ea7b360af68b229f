package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 15, "Security", shown with scapy from a guest namespace on the {@code tap} back end, behind a bond of a
 * simulated NIC beside two simulated hosts and another VM: scapy forges source MACs, the guest changes its MAC with
 * {@code ip link}, and a promiscuous scapy sniffer listens for the other VM's frames on a device the guest set
 * {@code promisc on}. Each is refused by default and counted by reason in {@code vnic:list} (whence /metrics) and
 * events, and passes once its switch is accepted: the back end sees the guest's promiscuous mode on its TAP device, in
 * the guest's namespace. Needs root and scapy, as CI has; the namespace is removed even on failure.
 */
public class ScapyGuestSecurityTest extends NicManagerTestSupport {

    private static final String GUEST_MAC = "02:00:00:00:94:01";
    private static final String OTHER_VM_MAC = "02:00:00:00:94:02";
    private static final String HOST_MAC = "02:00:00:00:99:94";
    /** A second simulated host, whose one frame to the guest ends each sniff. */
    private static final String MARKER_MAC = "02:00:00:00:99:95";
    private static final String FORGED_MAC = "02:00:00:00:94:66";
    private static final String CHOSEN_MAC = "02:00:00:00:94:99";
    private static final String VNIC = "vm94-0";
    /** kernel:advance steps while frames cross the back end's threads and scapy, at most. */
    private static final int MAX_STEPS = 20_000;

    @Test
    public void forgedMacsAChangedMacAndPromiscuousListeningAreRefusedAndCountedUntilAccepted() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        assumeTrue("needs python3-scapy (scripts/install-test-tools.sh)", ScapyGuest.available());
        try (TestNamespace guest = new TestNamespace()) {
            String tap = "nmt" + guest.tag();
            shell("hw:switch add sw94 --ports 4");
            shell("hw:nic add a94 --model e1000 --switch sw94");
            shell("hw:host add h94 --switch sw94 --mac " + HOST_MAC);
            shell("hw:host add m94 --switch sw94 --mac " + MARKER_MAC);
            shell("bond:create bond94");
            shell("bond:add bond94 a94");
            shell("vm:create vm94");
            shell("vm:start vm94");
            shell("vm:create other94");
            shell("vm:start other94");
            shell("vnic:add vm94 --uplink bond94 --mac " + GUEST_MAC + " --backend tap --tap " + tap);
            shell("vnic:add other94 --uplink bond94 --mac " + OTHER_VM_MAC);
            guest.moveIn(tap);
            guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"); // no stray solicitations
            guest.exec("ip", "link", "set", tap, "up");
            ScapyGuest scapy = new ScapyGuest(guest, tap);

            forgedSourceMacs(scapy);
            aChangedMac(guest, scapy, tap);
            promiscuousListening(guest, scapy, tap);

            // Drops are reported once a second per port, and events reach the log asynchronously.
            shell("kernel:advance 1s");
            advanceUntil(() -> shell("events --json").contains("MAC_CHANGE_REFUSED="), "an event of the refusals");
            advanceUntil(() -> shell("events --json").contains("PROMISCUOUS_REFUSED="),
                    "an event of the frames refused to the promiscuous guest");

            // /metrics shows the same counts as vnic:list, by reason.
            String metrics = metrics();
            assertEquals(metrics, count("txDropped", "FORGED_SOURCE_MAC"),
                    sample(metrics, "nicmgr_vnic_transmit_dropped_frames_total", "FORGED_SOURCE_MAC"));
            assertEquals(metrics, 5, sample(metrics, "nicmgr_vnic_receive_dropped_frames_total", "MAC_CHANGE_REFUSED"));
            assertEquals(metrics, 5,
                    sample(metrics, "nicmgr_vnic_receive_dropped_frames_total", "PROMISCUOUS_REFUSED"));
        }
    }

    /** Five frames from a MAC not the guest's: dropped and counted; accepted, five more reach the host. */
    private void forgedSourceMacs(ScapyGuest scapy) throws Exception {
        long hostBefore = hostFrames();
        scapy.send(FORGED_MAC, HOST_MAC, 5);
        advanceUntil(() -> count("txDropped", "FORGED_SOURCE_MAC") >= 5, "5 forged frames counted");
        assertEquals(vnic(), 5, count("txDropped", "FORGED_SOURCE_MAC"));
        shell("kernel:advance 10ms");
        assertEquals("rejected: no forged frame reached the host", hostBefore, hostFrames());
        shell("kernel:advance 1s");
        advanceUntil(() -> shell("events --json").contains("FORGED_SOURCE_MAC="), "an event of the forged frames");
        String events = shell("events --json");
        assertTrue(events, events.contains("\"topic\":\"nicmgr/vnic/SECURITY_DROPS\",\"subject\":\"vm94\""));

        shell("vnic:security " + VNIC + " --forged-transmits accept");
        scapy.send(FORGED_MAC, HOST_MAC, 5);
        advanceUntil(() -> hostFrames() == hostBefore + 5, "accepted: the 5 forged frames reached the host");
        assertEquals("accepted frames are not counted as drops", 5, count("txDropped", "FORGED_SOURCE_MAC"));
        shell("vnic:security " + VNIC + " --forged-transmits reject");
    }

    /**
     * The guest takes another MAC: rejected, the host's five frames for it are dropped and counted and scapy sees none;
     * accepted, scapy sees the host's five frames to the chosen MAC.
     */
    private void aChangedMac(TestNamespace guest, ScapyGuest scapy, String tap) throws Exception {
        guest.exec("ip", "link", "set", "dev", tap, "address", CHOSEN_MAC);
        scapy.send(CHOSEN_MAC, HOST_MAC, 1); // the back end learns the device's new MAC from its next frame
        advanceUntil(() -> vnic().contains("\"guestMac\":\"" + CHOSEN_MAC + "\""), "the port learnt the MAC");
        long received = number(vnic(), "rxFrames");
        try (ScapyGuest.Sniffer sniffer = scapy.sniff(MARKER_MAC, HOST_MAC)) {
            shell("hw:traffic h94 --to " + GUEST_MAC + " --rate 1Mbps --frame 100 --count 5");
            advanceUntil(() -> count("rxDropped", "MAC_CHANGE_REFUSED") >= 5, "5 frames refused");
            assertEquals(vnic(), 5, count("rxDropped", "MAC_CHANGE_REFUSED"));
            assertEquals("rejected: nothing reached the guest", received, number(vnic(), "rxFrames"));

            shell("vnic:security " + VNIC + " --mac-changes accept");
            shell("hw:traffic h94 --to " + CHOSEN_MAC + " --rate 1Mbps --frame 100 --count 5");
            advanceUntil(() -> number(vnic(), "rxFrames") == received + 5, "accepted: 5 frames at the chosen MAC");
            shell("hw:traffic m94 --to " + CHOSEN_MAC + " --rate 1Mbps --frame 100 --count 1");
            advanceUntil(sniffer::finished, "the marker reached scapy");
            assertEquals("scapy saw only the 5 frames sent once MAC changes were accepted", 5,
                    sniffer.seenBeforeMarker());
        }
        assertEquals(5, count("rxDropped", "MAC_CHANGE_REFUSED"));
        guest.exec("ip", "link", "set", "dev", tap, "address", GUEST_MAC);
        scapy.send(GUEST_MAC, HOST_MAC, 1);
        advanceUntil(() -> vnic().contains("\"guestMac\":null"), "the guest took its assigned MAC back");
        shell("vnic:security " + VNIC + " --mac-changes reject");
    }

    /**
     * The guest sets its TAP device {@code promisc on}, which the back end sees in the guest's namespace, and a
     * promiscuous scapy sniffer listens for the other VM's frames: rejected, it sees none of them (each goes to the
     * other VM alone), and each is counted on the guest's virtual NIC as PROMISCUOUS_REFUSED; accepted, it sees a copy
     * of each, counted as the uplink's promiscuous copies, and nothing more is refused.
     */
    private void promiscuousListening(TestNamespace guest, ScapyGuest scapy, String tap) throws Exception {
        advanceUntil(() -> vnic().contains("\"guestPromiscuous\":false"), "the earlier sniffer's membership ended");
        guest.exec("ip", "link", "set", "dev", tap, "promisc", "on");
        advanceUntil(() -> vnic().contains("\"guestPromiscuous\":true"), "the port learnt of promiscuous mode");
        long refused = count("rxDropped", "PROMISCUOUS_REFUSED");
        assertEquals("rejected: scapy saw none of the other VM's frames", 0, listenToTheOtherVm(scapy));
        assertEquals("rejected: each of the 5 counted as refused to the guest", refused + 5,
                count("rxDropped", "PROMISCUOUS_REFUSED"));
        long copies = number(shell("bond:show bond94 --json"), "promiscuousCopies");

        shell("vnic:security " + VNIC + " --promiscuous accept");
        assertEquals("accepted: scapy saw a copy of each of the 5", 5, listenToTheOtherVm(scapy));
        assertEquals("each copy counted", copies + 5, number(shell("bond:show bond94 --json"), "promiscuousCopies"));
        assertEquals("accepted: nothing refused", refused + 5, count("rxDropped", "PROMISCUOUS_REFUSED"));
        shell("vnic:security " + VNIC + " --promiscuous reject");
        assertTrue(shell("events --json").contains("nicmgr/vnic/GUEST_PROMISCUOUS_CHANGED"));

        guest.exec("ip", "link", "set", "dev", tap, "promisc", "off");
        advanceUntil(() -> vnic().contains("\"guestPromiscuous\":false"), "the port learnt promiscuous mode ended");
        assertEquals("not asking, nothing is refused", 0, listenToTheOtherVmUnsniffed());
        assertEquals(refused + 5, count("rxDropped", "PROMISCUOUS_REFUSED"));
    }

    /** The host sends the other VM 5 frames, which it gets; answers how many the guest's port refused meanwhile. */
    private long listenToTheOtherVmUnsniffed() throws Exception {
        long refused = count("rxDropped", "PROMISCUOUS_REFUSED");
        long otherBefore = otherVmFrames();
        shell("hw:traffic h94 --to " + OTHER_VM_MAC + " --rate 1Mbps --frame 100 --count 5");
        advanceUntil(() -> otherVmFrames() == otherBefore + 5, "the other VM got its 5 frames");
        return count("rxDropped", "PROMISCUOUS_REFUSED") - refused;
    }

    /** The host sends the other VM 5 frames, which it gets, then the marker; answers how many scapy saw. */
    private long listenToTheOtherVm(ScapyGuest scapy) throws Exception {
        try (ScapyGuest.Sniffer sniffer = scapy.sniff(MARKER_MAC, OTHER_VM_MAC)) {
            long otherBefore = otherVmFrames();
            shell("hw:traffic h94 --to " + OTHER_VM_MAC + " --rate 1Mbps --frame 100 --count 5");
            advanceUntil(() -> otherVmFrames() == otherBefore + 5, "the other VM got its 5 frames");
            shell("hw:traffic m94 --to " + GUEST_MAC + " --rate 1Mbps --frame 100 --count 1");
            advanceUntil(sniffer::finished, "the marker reached scapy");
            return sniffer.seenBeforeMarker();
        }
    }

    private String metrics() throws Exception {
        awaitService(ConfigurationAdmin.class, null);
        String base = LocalHttp.start(context, WAIT_SECONDS);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        return scrape.body();
    }

    /** The value of this test's virtual NIC's sample of {@code metric} for {@code reason}; fails when absent. */
    private static long sample(String metrics, String metric, String reason) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("vnic=\"" + VNIC + "\"")
                    && line.contains("reason=\"" + reason + "\"")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + metric + " for " + VNIC + " and " + reason);
    }

    private long otherVmFrames() throws Exception {
        return number(DosFloodTest.objectOf(shell("vnic:list --json"), "name", "other94-0"), "rxFrames");
    }

    private long hostFrames() throws Exception {
        return number(shell("hw:host stats h94 --json"), "rxFrames");
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", VNIC);
    }

    /** The count of {@code reason} in the virtual NIC's {@code map} ("txDropped" or "rxDropped"), 0 when absent. */
    private long count(String map, String reason) throws Exception {
        return FrameAccounts.count(vnic(), map, reason);
    }

    private void advanceUntil(Condition condition, String what) throws Exception {
        advanceUntil(condition, what, MAX_STEPS, this::vnic);
    }
}
