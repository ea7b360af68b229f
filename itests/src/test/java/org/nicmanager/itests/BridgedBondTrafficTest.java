package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 15, "Traffic": a namespace guest on the tap back end reaches an external namespace through a 2-member bond of
 * drivers.linux NICs into a Linux bridge ({@link BridgedBondRig}). Ping answers, iperf3 TCP runs both ways at a rate
 * above zero, and a 64 MB payload arrives intact by its sha256. The figures are printed for the issue's note.
 */
class BridgedBondTrafficTest {

    private static final int PAYLOAD_BYTES = 64 * 1024 * 1024;
    private static final int PINGS = 5;
    private static final String IPERF_SECONDS = "3";

    @Test
    void pingIperf3AndA64MegabytePayloadCrossTheBondIntoTheBridge() throws Exception {
        BridgedBondRig.assumePossible();
        try (BridgedBondRig rig = new BridgedBondRig()) {
            String ping = rig.guest().exec("ping", "-c", String.valueOf(PINGS), "-i", "0.2", "-W", "5",
                    BridgedBondRig.EXTERNAL_IP);
            assertTrue(ping.contains(PINGS + " received"), ping);
            assertEquals(rig.bridgePort(0), rig.fdbPort(BridgedBondRig.GUEST_MAC),
                    "the bridge learnt the guest on the port of u0, the member that carries it");

            // The download first: the upload's end may bring a burst of resets from the closed receiver, which the
            // rate detector rightly counts.
            double in = iperf(rig, true);
            JsonObject dos = rig.host().json("dos:status --json", "detections");
            assertEquals(0, dos.getAsJsonArray("detections").size(), "a download is no attack: " + dos);
            double out = iperf(rig, false);
            System.out.printf("BridgedBondTrafficTest: iperf3 TCP guest to external %.0f Mbit/s, external to guest"
                    + " %.0f Mbit/s; ping %s%n", out / 1e6, in / 1e6, rtt(ping));
            assertTrue(out > 0 && in > 0, out + " and " + in + " bit/s");
            assertTrue(in > out / 5, "the download ran at " + in / 1e6 + " Mbit/s, the upload at " + out / 1e6
                    + " (when the DoS defence took downloads for floods, they ran at a tenth of uploads)"
                    + rig.diagnostics());

            ToolProcess receiver = rig.python(rig.external(), "tcp_receiver.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PAYLOAD_BYTES));
            receiver.awaitLine("listening"::equals, "listening");
            String sent = lastLine(rig.python(rig.guest(), "tcp_sender.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PAYLOAD_BYTES), "0").finish());
            assertTrue(sent.startsWith(PAYLOAD_BYTES + " "), sent);
            assertEquals(sent, lastLine(receiver.finish()), "what arrived is what was sent");
            assertEquals(0, rig.stopHost(), rig.hostErrors());
        }
    }

    /**
     * With {@code --offloads on} the guest hands the host 64 KB super-frames with their checksums left undone; the
     * Linux NIC sends each whole with its virtio header, and the kernel finishes them. The other way, the external
     * host, with its own offloads on, sends super-frames through the bridge and the veths: the NIC receives them whole
     * with their virtio headers, and the guest gets them so. Both payloads must arrive intact (every checksum right),
     * and the guest's TAP must show frames far longer than its MTU both ways (super-frames did travel).
     */
    @Test
    void superFramesFromAGuestWithOffloadsArriveIntact() throws Exception {
        BridgedBondRig.assumePossible();
        try (BridgedBondRig rig = new BridgedBondRig(true)) {
            double out = iperf(rig, false);
            double in = iperf(rig, true);
            ToolProcess receiver = rig.python(rig.external(), "tcp_receiver.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PAYLOAD_BYTES));
            receiver.awaitLine("listening"::equals, "listening");
            long[] before = tapCounted(rig, "tx");
            String sent = lastLine(rig.python(rig.guest(), "tcp_sender.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PAYLOAD_BYTES), "0").finish());
            long[] after = tapCounted(rig, "tx");
            assertEquals(sent, lastLine(receiver.finish()), "what arrived is what was sent");

            ToolProcess downloadReceiver = rig.python(rig.guest(), "tcp_receiver.py", BridgedBondRig.GUEST_IP, "5002",
                    String.valueOf(PAYLOAD_BYTES));
            downloadReceiver.awaitLine("listening"::equals, "listening");
            long[] beforeDownload = tapCounted(rig, "rx");
            String downloaded = lastLine(rig.python(rig.external(), "tcp_sender.py", BridgedBondRig.GUEST_IP, "5002",
                    String.valueOf(PAYLOAD_BYTES), "0").finish());
            long[] afterDownload = tapCounted(rig, "rx");
            assertEquals(downloaded, lastLine(downloadReceiver.finish()), "what the guest got is what was sent");

            long averageBytes = (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
            long averageDownloadBytes = (afterDownload[0] - beforeDownload[0])
                    / Math.max(1, afterDownload[1] - beforeDownload[1]);
            System.out.printf("BridgedBondTrafficTest (offloads): iperf3 TCP guest to external %.0f Mbit/s, external"
                    + " to guest %.0f Mbit/s; the guest's frames of the 64 MB upload averaged %d bytes, of the"
                    + " download %d bytes%n", out / 1e6, in / 1e6, averageBytes, averageDownloadBytes);
            assertTrue(averageBytes > 4 * 1514, "super-frames: the upload's frames average " + averageBytes
                    + " bytes" + rig.diagnostics());
            assertTrue(averageDownloadBytes > 4 * 1514, "super-frames: the download's frames average "
                    + averageDownloadBytes + " bytes" + rig.diagnostics());
            assertEquals(0, rig.stopHost(), rig.hostErrors());
        }
    }

    /** Bytes and frames the guest has sent ({@code tx}) or received ({@code rx}) on its TAP device, as its kernel counts. */
    private static long[] tapCounted(BridgedBondRig rig, String direction) throws Exception {
        String tap = rig.guest().exec("ls", "/sys/class/net").lines().filter(name -> name.startsWith("nmg"))
                .findFirst().orElseThrow();
        String statistics = "/sys/class/net/" + tap + "/statistics/" + direction;
        return new long[] {Long.parseLong(rig.guest().exec("cat", statistics + "_bytes").strip()),
            Long.parseLong(rig.guest().exec("cat", statistics + "_packets").strip())};
    }

    /** One iperf3 TCP run from the guest (or to it, {@code reverse}); answers the receiver's bits per second. */
    private static double iperf(BridgedBondRig rig, boolean reverse) throws Exception {
        ToolProcess server = rig.iperfServer(5201);
        List<String> command = new java.util.ArrayList<>(List.of("iperf3", "-c", BridgedBondRig.EXTERNAL_IP,
                "-t", IPERF_SECONDS, "-J"));
        if (reverse) {
            command.add("-R");
        }
        String report = rig.guest().exec(command.toArray(String[]::new));
        server.finish();
        JsonObject end = JsonParser.parseString(report).getAsJsonObject().getAsJsonObject("end");
        return end.getAsJsonObject("sum_received").get("bits_per_second").getAsDouble();
    }

    private static String rtt(String ping) {
        return ping.lines().filter(line -> line.startsWith("rtt")).findFirst().orElse("(no rtt line)");
    }

    static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.get(lines.size() - 1).trim();
    }
}
