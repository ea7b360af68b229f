package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * vSphere's three security switches on a virtual NIC port (issue 15 point 3), with a real guest: a network namespace
 * on the {@code tap} back end, behind a bond of a simulated NIC, beside a simulated host. Each switch is rejected by
 * default; a forged source MAC, a MAC the guest set itself and listening to another guest's traffic are refused and
 * counted by reason in {@code vnic:list}, and accepted when the switch says so. Needs root, as CI runs; the namespace
 * is removed even on failure.
 */
public class VnicSecurityTest extends NicManagerTestSupport {

    private static final String GUEST_MAC = "02:00:00:00:93:01";
    private static final String OTHER_VM_MAC = "02:00:00:00:93:02";
    private static final String HOST_MAC = "02:00:00:00:99:93";
    private static final String CHOSEN_MAC = "02:00:00:00:93:99";
    /** A 60-byte frame of the local experimental EtherType, from {@code source} to the host. */
    private static final String PAYLOAD = "88b5" + "6e6d".repeat(23);
    /** kernel:advance steps while frames cross the back end's threads, at most. */
    private static final int MAX_STEPS = 5_000;

    @Test
    public void forgedTransmitsMacChangesAndPromiscuousListeningAreRefusedAndCountedUntilAccepted() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        try (TestNamespace guest = new TestNamespace()) {
            String tap = "nmt" + guest.tag();
            shell("hw:switch add sw93 --ports 4");
            shell("hw:nic add a93 --model e1000 --switch sw93");
            shell("hw:host add h93 --switch sw93 --mac " + HOST_MAC);
            shell("bond:create bond93");
            shell("bond:add bond93 a93");
            shell("vm:create vm93");
            shell("vm:start vm93");
            shell("vm:create other93");
            shell("vm:start other93");
            shell("vnic:add vm93 --uplink bond93 --mac " + GUEST_MAC + " --backend tap --tap " + tap);
            shell("vnic:add other93 --uplink bond93 --mac " + OTHER_VM_MAC);
            guest.moveIn(tap);
            guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"); // no stray solicitations
            guest.exec("ip", "link", "set", tap, "up");
            assertTrue("the TAP device has the virtual NIC's MAC", guest.exec("ip", "link", "show", tap)
                    .contains("link/ether " + GUEST_MAC));
            assertEquals("{\"vnic\":\"vm93-0\",\"security\":{\"forgedTransmits\":\"reject\",\"macChanges\":\"reject\","
                    + "\"promiscuous\":\"reject\"}}", shell("vnic:security vm93-0 --json"));

            // Forged transmits: a frame from another source MAC is dropped and counted, until accepted.
            guest.sendFrame(tap, hex(HOST_MAC) + hex(CHOSEN_MAC) + PAYLOAD);
            awaitCount("txDropped", "FORGED_SOURCE_MAC", 1);
            shell("kernel:advance 1s"); // drops are reported once a second per port, never an event per frame
            String events = shell("events --json");
            assertTrue(events, events.contains("\"topic\":\"nicmgr/vnic/SECURITY_DROPS\",\"subject\":\"vm93\""));
            assertTrue(events, events.contains("FORGED_SOURCE_MAC=1"));
            shell("vnic:security vm93-0 --forged-transmits accept");
            long hostBefore = number(shell("hw:host stats h93 --json"), "rxFrames");
            guest.sendFrame(tap, hex(HOST_MAC) + hex(CHOSEN_MAC) + PAYLOAD);
            advanceUntil(() -> number(shell("hw:host stats h93 --json"), "rxFrames") > hostBefore,
                    "the accepted forged frame reached the host");
            assertEquals(1, FrameAccounts.count(vnic(), "txDropped", "FORGED_SOURCE_MAC"));
            shell("vnic:security vm93-0 --forged-transmits reject");

            // MAC changes: the guest sets another MAC; rejected, it receives nothing, each frame counted.
            guest.exec("ip", "link", "set", tap, "address", CHOSEN_MAC);
            guest.sendFrame(tap, hex(HOST_MAC) + hex(CHOSEN_MAC) + PAYLOAD); // the back end sees the new MAC
            advanceUntil(() -> vnic().contains("\"guestMac\":\"" + CHOSEN_MAC + "\""), "the port learnt the MAC");
            assertTrue(shell("events --json").contains("nicmgr/vnic/GUEST_MAC_CHANGED"));
            long received = number(vnic(), "rxFrames");
            shell("hw:traffic h93 --to " + GUEST_MAC + " --rate 1Mbps --frame 100 --count 5");
            awaitCount("rxDropped", "MAC_CHANGE_REFUSED", 5);
            assertEquals("rejected: nothing reached the guest", received, number(vnic(), "rxFrames"));
            shell("vnic:security vm93-0 --mac-changes accept");
            shell("hw:traffic h93 --to " + CHOSEN_MAC + " --rate 1Mbps --frame 100 --count 5");
            advanceUntil(() -> number(vnic(), "rxFrames") == received + 5, "accepted: 5 frames at the chosen MAC");
            guest.exec("ip", "link", "set", tap, "address", GUEST_MAC);
            guest.sendFrame(tap, hex(HOST_MAC) + hex(GUEST_MAC) + PAYLOAD);
            advanceUntil(() -> vnic().contains("\"guestMac\":null"), "the guest took its assigned MAC back");
            shell("vnic:security vm93-0 --mac-changes reject");

            // Promiscuous: another VM's frames reach this guest only once its port accepts promiscuous mode.
            long before = number(vnic(), "rxFrames");
            shell("hw:traffic h93 --to " + OTHER_VM_MAC + " --rate 1Mbps --frame 100 --count 5");
            shell("kernel:advance 100ms");
            assertEquals("rejected: only its own frames", before, number(vnic(), "rxFrames"));
            shell("vnic:security vm93-0 --promiscuous accept");
            shell("hw:traffic h93 --to " + OTHER_VM_MAC + " --rate 1Mbps --frame 100 --count 5");
            advanceUntil(() -> number(vnic(), "rxFrames") == before + 5, "accepted: a copy of each of the 5");

            String refused = refusal("vnic:security vm93-0 --promiscuous maybe");
            assertEquals("bad --promiscuous 'maybe': accept or reject", refused);
            assertTrue(shell("vnic:security vm93-0").contains("promiscuous=accept"));
        }
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", "vm93-0");
    }

    private void awaitCount(String map, String reason, long expected) throws Exception {
        advanceUntil(() -> FrameAccounts.count(vnic(), map, reason) >= expected,
                map + " " + reason + " reaches " + expected);
        assertEquals(vnic(), expected, FrameAccounts.count(vnic(), map, reason));
    }

    private void advanceUntil(Condition condition, String what) throws Exception {
        advanceUntil(condition, what, MAX_STEPS, this::vnic);
    }

    private String refusal(String command) throws Exception {
        try {
            shell(command);
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
        throw new AssertionError(command + " was not refused");
    }

    private static String hex(String mac) {
        return mac.replace(":", "");
    }
}
