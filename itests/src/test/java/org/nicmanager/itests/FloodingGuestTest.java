package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * Issue 15 point 6, a hostile guest: a namespace guest on the {@code tap} back end floods the host with frames larger
 * than its virtual NIC's MTU, with malformed IPv4 headers, and with a million frames each from another source MAC.
 * Each is counted by reason and dropped: nothing reaches the simulated host, every frame the guest's TAP device handed
 * over is accounted for, the heap stays bounded, and the guest is served normally afterwards. Needs root, as CI
 * runs; the namespace is removed even on failure.
 */
public class FloodingGuestTest extends NicManagerTestSupport {

    private static final String GUEST_MAC = "02:00:00:00:95:01";
    private static final String HOST_MAC = "02:00:00:00:99:96";
    private static final String VNIC = "vm95-0";
    private static final int MILLION = 1_000_000;
    /** What a million MACs may cost the host at most; a table of them would take some 100 MB. */
    private static final long HEAP_GROWTH_BOUND_BYTES = 64L << 20;
    /** kernel:advance steps while the back end hands the frames over, at most. */
    private static final int MAX_STEPS = 20_000;

    /**
     * argv: interface, the frame's first bytes in hex (padded with zeros to the length), length, count, and 1 to give
     * each frame its own source MAC (its last four bytes are the frame's number). Straight to the device, past the
     * qdisc; prints how many sends the kernel refused.
     */
    private static final String FLOOD = String.join("\n",
            "import socket, struct, sys",
            "iface, head, length, count, vary = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3]),"
                    + " int(sys.argv[4]), sys.argv[5] == '1'",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.setsockopt(263, 20, 1)  # SOL_PACKET, PACKET_QDISC_BYPASS",
            "s.bind((iface, 0))",
            "frame = bytearray(length)",
            "frame[0:len(head)] = head",
            "refused = 0",
            "for i in range(count):",
            "    if vary:",
            "        struct.pack_into('>I', frame, 8, i)",
            "    try:",
            "        s.send(frame)",
            "    except OSError:",
            "        refused += 1",
            "print('refused', refused)");

    @Test
    public void oversizedMalformedAndMillionMacFloodsAreCountedAndDroppedWithBoundedMemory() throws Exception {
        assumeTrue("no /dev/net/tun", Files.exists(Path.of("/dev/net/tun")));
        assumeTrue("needs root, as CI runs", TestNamespace.possible());
        try (TestNamespace guest = new TestNamespace()) {
            String tap = "nmt" + guest.tag();
            shell("hw:switch add sw95 --ports 4");
            shell("hw:nic add a95 --model e1000 --switch sw95");
            shell("hw:host add h95 --switch sw95 --mac " + HOST_MAC);
            shell("bond:create bond95");
            shell("bond:add bond95 a95");
            shell("vm:create vm95");
            shell("vm:start vm95");
            shell("vnic:add vm95 --uplink bond95 --mac " + GUEST_MAC + " --backend tap --tap " + tap);
            guest.moveIn(tap);
            guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"); // the flood alone
            guest.exec("ip", "link", "set", tap, "up");
            String toHost = hex(HOST_MAC) + hex(GUEST_MAC);

            // Larger than the MTU: the guest raises its own MTU past the virtual NIC's (an e1000's, 9000 bytes).
            guest.exec("ip", "link", "set", "dev", tap, "mtu", "9200");
            flood(guest, tap, toHost + "88b5", 9214, 100, false);
            awaitAccounted(guest, tap);
            assertEquals(vnic(), 100, count("TOO_LONG"));
            guest.exec("ip", "link", "set", "dev", tap, "mtu", "1500");

            // Malformed: IPv4 with a header length of one word.
            flood(guest, tap, toHost + "0800" + "41", 60, 100, false);
            awaitAccounted(guest, tap);
            advanceUntil(() -> count("MALFORMED") >= 100, "100 malformed frames counted");
            assertEquals(vnic(), 100, count("MALFORMED"));
            assertEquals("nothing reached the host", 0, hostFrames());

            // A million source MACs: the port rejects forged transmits, so each is dropped and counted.
            long heapBefore = usedHeapAfterGc();
            long sentBefore = number(vnic(), "txFrames");
            long ringBefore = ringDrops();
            long guestBefore = guestTxPackets(guest, tap);
            long refused = flood(guest, tap, toHost.substring(0, 12) + "02ff00000000" + "88b5", 60, MILLION, true);
            awaitAccounted(guest, tap);
            long handedOver = guestTxPackets(guest, tap) - guestBefore;
            long forged = count("FORGED_SOURCE_MAC");
            assertTrue("the TAP device handed over most of the flood: " + handedOver + ", " + refused + " refused",
                    handedOver > 0);
            assertEquals("each frame that entered the port was dropped as forged: " + vnic(),
                    number(vnic(), "txFrames") - sentBefore, forged);
            assertEquals("the rest were dropped at the back end's ring, counted: " + vnic(), handedOver,
                    forged + ringDrops() - ringBefore);
            assertEquals("nothing reached the host", 0, hostFrames());
            long growth = usedHeapAfterGc() - heapBefore;
            assertTrue("the heap grew by " + growth + " bytes", growth < HEAP_GROWTH_BOUND_BYTES);

            // And the guest is served as before.
            flood(guest, tap, toHost + "88b5", 60, 1, false);
            advanceUntil(() -> hostFrames() == 1, "a well-formed frame reached the host after the floods");
        }
    }

    /** Runs the flood script in the guest; answers how many sends its kernel refused. */
    private static long flood(TestNamespace guest, String tap, String head, int length, int count, boolean vary)
            throws Exception {
        String printed = guest.exec("/usr/bin/python3", "-c", FLOOD, tap, head, Integer.toString(length),
                Integer.toString(count), vary ? "1" : "0");
        return Long.parseLong(field(printed, "refused (\\d+)"));
    }

    /**
     * Advances until every frame the guest's TAP device handed over (its transmit count, which the kernel takes as
     * the back end reads) is in the virtual NIC's account, both counting from the device's creation: sent on (a frame
     * dropped downstream, as forged or malformed, was sent on first), or dropped by reason before that.
     */
    private void awaitAccounted(TestNamespace guest, String tap) throws Exception {
        advanceUntil(() -> guestTxPackets(guest, tap) == number(vnic(), "txFrames")
                + count("TOO_LONG") + count("TOO_SHORT") + ringDrops() + count("READ_FAILED"),
                "the virtual NIC accounts for what the TAP device handed over");
    }

    private long ringDrops() throws Exception {
        return count("RING_FULL") + count("NO_BUFFER");
    }

    private static long guestTxPackets(TestNamespace guest, String tap) throws Exception {
        return Long.parseLong(field(guest.exec("ip", "-s", "-j", "link", "show", "dev", tap),
                "\"tx\":\\{\"bytes\":\\d+,\"packets\":(\\d+)"));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private long hostFrames() throws Exception {
        return number(shell("hw:host stats h95 --json"), "rxFrames");
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", VNIC);
    }

    /** The virtual NIC's transmit drops of {@code reason}, 0 when absent. */
    private long count(String reason) throws Exception {
        return FrameAccounts.count(vnic(), "txDropped", reason);
    }

    private void advanceUntil(Condition condition, String what) throws Exception {
        advanceUntil(condition, what, MAX_STEPS, this::vnic);
    }

    private static String hex(String mac) {
        return mac.replace(":", "");
    }
}
