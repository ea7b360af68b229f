package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FrameWriter;

/** An external host counts per flow from the stamps: gaps are lost, late arrivals reordered; and it can echo. */
class ExternalHostTest {

    private SimHarness sim;
    private TestDriver card;
    private long hostMac;
    private String cardMac;

    @BeforeEach
    void cardAndHost() {
        sim = new SimHarness();
        card = sim.call(() -> {
            sim.net.addSwitch("sw", 4);
            sim.net.addHost("h", "sw", -1, 0, 0);
            return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 64);
        });
        hostMac = sim.macOf("h");
        cardMac = MacAddress.format(sim.macOf("nic0"));
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private void sendSequences(int flowId, long... sequences) {
        sim.run(() -> {
            for (long sequence : sequences) {
                assertEquals(TransmitStatus.ACCEPTED, card.send(hostMac, 100, flowId, sequence));
            }
        });
        sim.advance(MILLIS);
    }

    @Test
    void gapsCountAsLostAndLateFramesAsReordered() {
        sendSequences(1, 0, 1, 2, 5, 3, 4, 9);
        sendSequences(2, 0, 2, 1);
        HostStats stats = sim.host("h");
        assertEquals(10, stats.rxFrames());
        assertEquals(1000, stats.rxBytes());
        assertEquals(List.of(new HostStats.FlowStats(cardMac, 1, 7, 3, 2),
                new HostStats.FlowStats(cardMac, 2, 3, 0, 1)), stats.flows(),
                "flow 1: 3 and 4 came late, 6..8 never came; flow 2: 1 came late");
        assertEquals(3, stats.lostFrames());
        assertEquals(3, stats.reorderedFrames());
    }

    @Test
    void aFlowFirstSeenMidwayCountsTheFramesBeforeAsLost() {
        sendSequences(3, 4, 5);
        assertEquals(List.of(new HostStats.FlowStats(cardMac, 3, 2, 4, 0)), sim.host("h").flows());
    }

    @Test
    void aTaggedFrameIsParsedForItsStampToo() {
        FrameBuffer frame = FrameBuffer.unpooled(128);
        byte[] data = frame.data();
        FrameWriter.ethernet(data, hostMac, 0x02_00_00_00_00_09L, FrameHeaders.ETHERTYPE_VLAN);
        data[14] = 0; // priority 0, VLAN 100
        data[15] = 100;
        data[16] = 0x08; // IPv4 inside the tag
        data[17] = 0x00;
        int udp = FrameWriter.ipv4(data, 18, 1, 2, FrameHeaders.PROTOCOL_UDP, 20 + 8 + FlowStamp.BYTES);
        int payload = FrameWriter.udp(data, udp, 1000, 9, 8 + FlowStamp.BYTES);
        FlowStamp.write(data, payload, 42, 7);
        frame.setLength(payload + FlowStamp.BYTES);
        assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> card.card.transmit(frame)));
        sim.advance(MILLIS);
        assertEquals(List.of(new HostStats.FlowStats("02:00:00:00:00:09", 42, 1, 7, 0)), sim.host("h").flows());
    }

    @Test
    void aTcpSegmentsStampIsCountedLikeADatagrams() {
        for (long sequence : new long[] {0, 2}) {
            FrameBuffer frame = FrameBuffer.unpooled(128);
            byte[] data = frame.data();
            int ip = FrameWriter.ethernet(data, hostMac, 0x02_00_00_00_00_09L, FrameHeaders.ETHERTYPE_IPV4);
            int tcp = FrameWriter.ipv4(data, ip, 1, 2, FrameHeaders.PROTOCOL_TCP, 20 + 20 + FlowStamp.BYTES);
            int payload = FrameWriter.tcp(data, tcp, 20_000, 5001, 1 + sequence * FlowStamp.BYTES, 1,
                    FrameHeaders.TCP_ACK, 65_535);
            FlowStamp.write(data, payload, 8, sequence);
            frame.setLength(FrameWriter.MIN_FRAME_BYTES + 10);
            assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> card.card.transmit(frame)));
        }
        sim.advance(MILLIS);
        assertEquals(List.of(new HostStats.FlowStats("02:00:00:00:00:09", 8, 2, 1, 0)), sim.host("h").flows());
    }

    @Test
    void anEchoingHostSendsFramesBackToTheirSender() {
        sim.run(() -> sim.net.setEcho("h", true));
        sendSequences(1, 0, 1, 2);
        assertEquals(3, card.received);
        assertEquals(3, sim.host("h").echoedFrames());
        assertEquals(3, sim.host("h").txFrames());
        sim.run(() -> sim.net.setEcho("h", false));
        sendSequences(1, 3);
        assertEquals(3, card.received);
        assertEquals(4, sim.host("h").rxFrames());
    }
}
