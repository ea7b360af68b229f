package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.lib.lacp.LacpParticipant;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.nicmanager.lib.units.Rate;

/**
 * A switch's side of link aggregation: a static group is one logical port over which the switch spreads a flow set;
 * slow-protocol frames are never forwarded; a capture writes a pcap file that says what crossed the port.
 */
class SwitchAggregationTest {

    @Test
    void aStaticGroupSpreadsFlowsOverItsLinksAndIsOneLogicalPort() {
        try (SimHarness sim = new SimHarness()) {
            TestDriver[] cards = sim.call(() -> {
                sim.net.addSwitch("sw", 8, new PartnerLacp(LacpMode.STATIC, false));
                sim.net.addHost("h", "sw", -1, 0, 0);
                return new TestDriver[] {new TestDriver(sim.net.createCard("n0", CardLineRateTest.E1000, "sw"), 64),
                    new TestDriver(sim.net.createCard("n1", CardLineRateTest.E1000, "sw"), 64)};
            });
            sim.run(() -> sim.net.groupPorts("sw", "po1", List.of("n0", "3")));
            SwitchLacpView view = sim.call(() -> sim.net.switchLacp("sw"));
            assertEquals("static po1", view.ports().get(1).aggregator());
            assertEquals("static po1", view.ports().get(2).aggregator());
            long host = sim.macOf("h");
            sim.run(() -> cards[0].send(host, 100, 0, 0)); // the switch learns n0's MAC on the group
            sim.advance(MILLIS);
            long n0 = cards[0].card.macAddress();
            sim.run(() -> sim.net.startTraffic("h", new TrafficSpec(org.nicmanager.kernel.api.frame.MacAddress
                    .format(n0), Rate.parse("100Mbps"), 200, 64, TrafficPattern.CBR, 1, 10 * MILLIS)));
            sim.advance(20 * MILLIS);
            long toN0 = sim.port("sw", 2).txFrames();
            long toN1 = sim.port("sw", 3).txFrames();
            assertTrue(toN0 > 100 && toN1 > 100, "both links carry the group's frames: " + toN0 + " / " + toN1);
            assertEquals(0, sim.port("sw", 1).dropsFiltered(), "nothing came back to the host");

            sim.run(() -> sim.net.ungroupPorts("sw", "po1"));
            assertNull(sim.call(() -> sim.net.switchLacp("sw")).ports().get(1).aggregator());
        }
    }

    @Test
    void slowProtocolFramesAreNeverForwarded() {
        try (SimHarness sim = new SimHarness()) {
            TestDriver card = sim.call(() -> {
                sim.net.addSwitch("sw", 8);
                sim.net.addHost("h", "sw", -1, 0, 0);
                return new TestDriver(sim.net.createCard("n0", CardLineRateTest.E1000, "sw"), 8);
            });
            sim.run(() -> {
                FrameBuffer frame = FrameBuffer.unpooled(LacpduCodec.FRAME_BYTES);
                LacpParticipant someone = new LacpParticipant(1, 2, 3, 4, 5, 0);
                frame.setLength(LacpduCodec.encode(new Lacpdu(someone, someone, 0), card.card.macAddress(),
                        frame.data()));
                card.card.transmit(frame);
            });
            sim.advance(MILLIS);
            assertEquals(1, sim.port("sw", 2).dropsFiltered(), "filtered at the ingress port");
            assertEquals(0, sim.host("h").rxFrames(), "the host never saw it");
        }
    }

    @Test
    void aCaptureWritesAPcapOfWhatCrossedThePort() throws Exception {
        Path file = Files.createTempFile("switch-port", ".pcap");
        try (SimHarness sim = new SimHarness()) {
            TestDriver card = sim.call(() -> {
                sim.net.addSwitch("sw", 8);
                sim.net.addHost("h", "sw", -1, 0, 0);
                return new TestDriver(sim.net.createCard("n0", CardLineRateTest.E1000, "sw"), 64);
            });
            long host = sim.macOf("h");
            sim.advance(MILLIS);
            Files.delete(file); // a capture creates its file new
            CaptureFile created = CaptureFile.createNew(file.toString(), false);
            sim.run(() -> sim.net.startCapture("sw/2", created, 5 * MILLIS));
            sim.run(() -> {
                for (int i = 0; i < 10; i++) {
                    card.send(host, 100 + i, 0, i);
                }
            });
            sim.advance(10 * MILLIS);
            sim.call(() -> sim.net.capturesWritten()).get(10, TimeUnit.SECONDS); // its writer's own thread
            CaptureView view = sim.call(() -> sim.net.captures()).get(0);
            assertEquals("ENDED", view.state());
            assertEquals(10, view.frames());

            ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0xA1B23C4D, pcap.getInt(), "libpcap, nanosecond timestamps");
            assertEquals(2, pcap.getShort());
            assertEquals(4, pcap.getShort());
            pcap.position(20);
            assertEquals(1, pcap.getInt(), "link type Ethernet");
            long lastNanos = 0;
            for (int i = 0; i < 10; i++) {
                long nanos = pcap.getInt() * 1_000_000_000L + pcap.getInt();
                int captured = pcap.getInt();
                assertEquals(captured, pcap.getInt());
                assertEquals(100 + i, captured, "the frame whole");
                assertTrue(nanos >= lastNanos && nanos >= MILLIS, "kernel-clock order");
                lastNanos = nanos;
                pcap.position(pcap.position() + captured);
            }
            assertEquals(0, pcap.remaining());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void refusalsNameTheBadValueAndChangeNothing() {
        try (SimHarness sim = new SimHarness()) {
            sim.run(() -> {
                sim.net.addSwitch("plain", 4);
                sim.net.addSwitch("grouped", 4, new PartnerLacp(LacpMode.STATIC, false));
                sim.net.createCard("n0", CardLineRateTest.E1000, "grouped");
            });
            assertRefused(sim, () -> sim.net.groupPorts("plain", "po1", List.of("1")),
                    "switch 'plain' aggregates no links (--lacp off); static groups need a switch added with --lacp"
                            + " static");
            assertRefused(sim, () -> sim.net.groupPorts("grouped", "po1", List.of("n0", "n0")),
                    "port 1 (n0) is named twice");
            assertRefused(sim, () -> sim.net.groupPorts("grouped", "po1", List.of("7")),
                    "switch 'grouped' has no port '7' in use; ports: 1 (n0)");
            assertRefused(sim, () -> sim.net.startCapture("nowhere", null, 0), "unknown port 'nowhere'");
            assertRefused(sim, () -> sim.net.startCapture("grouped/9", null, 0),
                    "switch 'grouped' has no port '9' in use");
            assertRefused(sim, () -> sim.net.silenceLacp("grouped/1", 0), "switch 'grouped' speaks no LACP");
            assertNull(sim.call(() -> sim.net.switchLacp("grouped")).ports().get(0).aggregator());
            assertTrue(sim.call(() -> sim.net.captures()).isEmpty());
        }
    }

    private static void assertRefused(SimHarness sim, Runnable action, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> sim.run(action));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
