package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 15, "Failover", on the real path of {@link BridgedBondRig}: {@code ip link set PEER down} on the bridge port of
 * the member that carries the guest moves its traffic to the survivor, and the bridge relearns the guest's MAC there.
 * The gap is measured outside the NIC Manager, by the failover probe: from the rtnetlink notification that the member
 * lost its carrier, as the probe's own netlink socket in the host's namespace received it, to the first frame of guest
 * traffic on the survivor's bridge port, by its kernel receive timestamp. Its median over a few pulls must meet the
 * issue's target of 5 ms. The time from just before the pull is reported beside it: it adds what the kernel itself
 * spends taking a bridge port down (up to several ms on this machine) before it tells anyone.
 */
class BridgedBondFailoverTest {

    private static final String MAC = BridgedBondRig.GUEST_MAC;
    private static final int PAYLOAD_BYTES = 64 * 1024 * 1024;
    /** Paced, so that the stream outlasts the pulls: 8 s. */
    private static final int SENDER_BYTES_PER_SECOND = 8 * 1024 * 1024;
    private static final int PROGRESS_STEP_BYTES = 4 * 1024 * 1024;
    private static final int PULLS = 3;
    private static final double TARGET_MICROSECONDS = 5_000;
    /** The UDP stream alone is 10,000 frames/s: after the first frame on the survivor, traffic must go on there. */
    private static final double MIN_FRAMES_PER_SECOND_AFTER = 2_000;
    /** A steady stream beside TCP, for the gap's resolution: 8 Mbit/s of 100-byte datagrams is 10,000 frames/s. */
    private static final List<String> STEADY_UDP = List.of("-u", "-b", "8M", "-l", "100", "--pacing-timer", "100",
            "-t", "12");

    @Test
    void pullingTheCarryingMemberMidStreamMovesTheTcpSessionToTheSurvivorWithinFiveMilliseconds() throws Exception {
        BridgedBondRig.assumePossible();
        try (BridgedBondRig rig = new BridgedBondRig()) {
            rig.guest().exec("ping", "-c", "1", "-W", "5", BridgedBondRig.EXTERNAL_IP);
            rig.awaitFdbPort(MAC, rig.bridgePort(0));
            ToolProcess probe = probe(rig);
            ToolProcess udpServer = rig.iperfServer(5202);
            List<String> udp = new ArrayList<>(List.of("iperf3", "-c", BridgedBondRig.EXTERNAL_IP, "-p", "5202"));
            udp.addAll(STEADY_UDP);
            ToolProcess steady = rig.start(rig.guest(), udp.toArray(String[]::new));
            ToolProcess receiver = rig.python(rig.external(), "tcp_receiver.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PROGRESS_STEP_BYTES));
            receiver.awaitLine("listening"::equals, "listening");
            ToolProcess sender = rig.python(rig.guest(), "tcp_sender.py", BridgedBondRig.EXTERNAL_IP, "5001",
                    String.valueOf(PAYLOAD_BYTES), String.valueOf(SENDER_BYTES_PER_SECOND));

            List<JsonObject> pulls = new ArrayList<>();
            for (int pull = 0; pull < PULLS; pull++) {
                receiver.forgetPrinted();
                receiver.awaitLine(line -> line.startsWith("passed "), "progress of the stream before pull " + pull);
                probe.writeLine("pull");
                JsonObject gap = JsonParser.parseString(probe.awaitLine(line -> line.startsWith("{"), "gap"))
                        .getAsJsonObject();
                pulls.add(gap);
                if (!gap.has("firstTrafficUs")) {
                    throw new AssertionError("no guest traffic on the survivor after pull " + pull + ": " + gap
                            + rig.diagnostics());
                }
                double rate = gap.has("framesPerSecondAfter") ? gap.get("framesPerSecondAfter").getAsDouble() : 0;
                if (rate < MIN_FRAMES_PER_SECOND_AFTER) {
                    throw new AssertionError("the guest's traffic did not go on over the survivor after pull " + pull
                            + " (" + rate + " frames/s): " + gap + rig.diagnostics());
                }
                assertEquals(rig.bridgePort(1), rig.fdbPort(MAC), "the bridge relearnt the guest on the survivor");
                String failedOver = rig.bond().toString();
                assertTrue(failedOver.contains(BridgedBondRig.member("u0", "DOWN", false))
                        && failedOver.contains(BridgedBondRig.member("u1", true)), failedOver);

                probe.writeLine("plug");
                probe.awaitLine("plugged"::equals, "plugged");
                rig.awaitBond(BridgedBondRig.member("u0", true)); // failback: u0 carries the guest again
                rig.awaitFdbPort(MAC, rig.bridgePort(0));
            }
            receiver.forgetPrinted();
            receiver.awaitLine(line -> line.startsWith("passed "), "progress of the stream after the last pull");
            String sent = BridgedBondTrafficTest.lastLine(sender.finish());
            assertTrue(sent.startsWith(PAYLOAD_BYTES + " "), sent);
            assertEquals(sent, BridgedBondTrafficTest.lastLine(receiver.finish()),
                    "the TCP session survived the pulls and what arrived is what was sent");
            steady.finish();
            udpServer.finish();

            double median = median(pulls, "firstTrafficFromNotificationUs");
            System.out.printf("BridgedBondFailoverTest: first guest traffic on the survivor %s us after the rtnetlink"
                    + " notification (median %.0f us), %s us after the pull began; first frame of any kind %s us after"
                    + " the notification; probe results %s%n", figures(pulls, "firstTrafficFromNotificationUs"),
                    median, figures(pulls, "firstTrafficUs"), figures(pulls, "firstFrameFromNotificationUs"), pulls);
            assertEquals(PULLS, values(pulls, "firstTrafficFromNotificationUs").size(), pulls.toString());
            assertTrue(median <= TARGET_MICROSECONDS, "median gap " + median + " us over " + pulls);
            assertEquals(0, rig.stopHost(), rig.hostErrors());
        }
    }

    /**
     * A quiet guest (fixed neighbour entries, no IPv6, nothing running) is relearnt on the survivor by the bond's
     * gratuitous ARP alone: after the pull the bridge has the guest's MAC on the survivor's port while the guest's own
     * transmit counter has not moved, and the first frame from that MAC on the survivor is a broadcast gratuitous ARP
     * for the guest's address.
     */
    @Test
    void aQuietGuestIsRelearntOnTheSurvivorFromTheBondsGratuitousArp() throws Exception {
        BridgedBondRig.assumePossible();
        try (BridgedBondRig rig = new BridgedBondRig()) {
            rig.pinNeighbours();
            rig.guest().exec("ping", "-c", "1", "-W", "5", BridgedBondRig.EXTERNAL_IP); // the bond learns MAC and IP
            rig.awaitFdbPort(MAC, rig.bridgePort(0));
            ToolProcess probe = probe(rig);
            long sentBefore = rig.guestFramesSent();

            probe.writeLine("pull quiet");
            JsonObject first = JsonParser.parseString(probe.awaitLine(line -> line.startsWith("{"), "first frame"))
                    .getAsJsonObject();
            rig.awaitFdbPort(MAC, rig.bridgePort(1));
            assertEquals(sentBefore, rig.guestFramesSent(), "the guest sent nothing: the bond's announcement moved it");
            assertTrue(first.has("firstFrame"), "nothing from the guest's MAC on the survivor: " + first);
            JsonObject frame = first.getAsJsonObject("firstFrame");
            assertEquals("gratuitous-arp", frame.get("kind").getAsString(), first.toString());
            assertEquals("ff:ff:ff:ff:ff:ff", frame.get("destination").getAsString(), first.toString());
            assertEquals(BridgedBondRig.GUEST_IP, frame.get("senderIp").getAsString(), first.toString());
            System.out.printf("BridgedBondFailoverTest: quiet guest's gratuitous ARP on the survivor %s us after the"
                    + " rtnetlink notification, %.0f us after the pull began%n",
                    first.get("firstFrameFromNotificationUs"), first.get("firstFrameUs").getAsDouble());
            assertEquals(0, rig.stopHost(), rig.hostErrors());
        }
    }

    private static ToolProcess probe(BridgedBondRig rig) throws Exception {
        ToolProcess probe = rig.python(null, "failover_probe.py", MAC, rig.bridgePort(1), rig.bridgePort(0),
                rig.external().name(), rig.hostEnd(0));
        probe.awaitLine("ready"::equals, "probe ready");
        return probe;
    }

    private static List<Double> values(List<JsonObject> pulls, String field) {
        return pulls.stream().filter(pull -> pull.has(field)).map(pull -> pull.get(field).getAsDouble()).toList();
    }

    private static String figures(List<JsonObject> pulls, String field) {
        return values(pulls, field).stream().map(value -> String.format("%.0f", value)).toList().toString();
    }

    private static double median(List<JsonObject> pulls, String field) {
        List<Double> sorted = values(pulls, field).stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
