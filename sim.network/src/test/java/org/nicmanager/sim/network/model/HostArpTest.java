package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.lang.reflect.RecordComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.Arp;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;

/**
 * An external host answers ARP requests for its own IPv4 address, as the targets of a bond's ARP monitor must, and
 * nothing else: not requests for other addresses, not replies, not gratuitous ARPs, not its own requests.
 */
class HostArpTest {

    /** 10.0.0.7, given with --ip. */
    private static final int HOST_IP = 0x0A00_0007;
    private static final int OTHER_IP = 0x0A00_0008;

    private SimHarness sim;
    private ArpAsker asker;
    private long hostMac;
    private long cardMac;

    @BeforeEach
    void cardAndHost() {
        sim = new SimHarness();
        asker = sim.call(() -> {
            sim.net.addSwitch("sw", 4);
            sim.net.addHost("h", "sw", -1, HOST_IP, 0);
            return new ArpAsker(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 64);
        });
        hostMac = sim.macOf("h");
        cardMac = sim.macOf("nic0");
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private void send(long destinationMac, int operation, long senderMac, int senderIp, long targetMac,
            int targetIp) {
        assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> asker.send(destinationMac, operation, senderMac,
                senderIp, targetMac, targetIp)));
        sim.advance(MILLIS);
    }

    @Test
    void aRequestForTheHostsIpGetsOneReplyToTheAsker() {
        send(MacAddress.BROADCAST, Arp.REQUEST, cardMac, asker.ip(), 0, HOST_IP);
        assertEquals(1, asker.arpReceived, "one reply");
        assertEquals(cardMac, asker.lastDestinationMac, "unicast to the asker's MAC");
        assertEquals(FrameWriter.MIN_FRAME_BYTES, asker.lastLength);
        assertEquals(Arp.REPLY, asker.lastOperation);
        assertEquals(hostMac, asker.lastSenderMac);
        assertEquals(HOST_IP, asker.lastSenderIp);
        assertEquals(cardMac, asker.lastTargetMac);
        assertEquals(asker.ip(), asker.lastTargetIp);
        HostStats stats = sim.host("h");
        assertEquals(1, stats.arpReplies());
        assertEquals(1, stats.txFrames());
        assertEquals(1, stats.rxFrames(), "a request the host keeps counts as any frame it keeps");
        assertEquals(0, stats.echoedFrames());
    }

    @Test
    void aRequestUnicastToTheHostIsAnsweredToo() {
        send(hostMac, Arp.REQUEST, cardMac, asker.ip(), hostMac, HOST_IP);
        assertEquals(1, asker.arpReceived);
        assertEquals(Arp.REPLY, asker.lastOperation);
        assertEquals(1, sim.host("h").arpReplies());
    }

    @Test
    void anEchoingHostAnswersARequestInsteadOfEchoingIt() {
        sim.run(() -> sim.net.setEcho("h", true));
        send(hostMac, Arp.REQUEST, cardMac, asker.ip(), hostMac, HOST_IP);
        assertEquals(1, asker.arpReceived);
        assertEquals(Arp.REPLY, asker.lastOperation);
        HostStats stats = sim.host("h");
        assertEquals(1, stats.arpReplies());
        assertEquals(0, stats.echoedFrames());
    }

    @Test
    void otherAddressesRepliesGratuitousArpsAndItsOwnRequestsGoUnanswered() {
        send(MacAddress.BROADCAST, Arp.REQUEST, cardMac, asker.ip(), 0, OTHER_IP);
        send(hostMac, Arp.REPLY, cardMac, asker.ip(), hostMac, HOST_IP);
        // What a NIC manager sends after a failover: its own address as sender and target.
        send(MacAddress.BROADCAST, Arp.REQUEST, cardMac, asker.ip(), 0, asker.ip());
        send(MacAddress.BROADCAST, Arp.REPLY, cardMac, asker.ip(), 0, asker.ip());
        // A request with the host's own MAC as sender is the host's own, come back.
        send(MacAddress.BROADCAST, Arp.REQUEST, hostMac, HOST_IP, 0, HOST_IP);
        assertEquals(0, asker.arpReceived + asker.otherReceived);
        HostStats stats = sim.host("h");
        assertEquals(0, stats.arpReplies());
        assertEquals(0, stats.txFrames());
        assertEquals(5, stats.rxFrames(), "every one was kept and counted");
    }

    @Test
    void aHostWithAGeneratedAddressAnswersForThatAddress() {
        sim.run(() -> sim.net.addHost("g", "sw", -1, 0, 0));
        send(MacAddress.BROADCAST, Arp.REQUEST, cardMac, asker.ip(), 0, 0x0A00_0001); // the first generated, 10.0.0.1
        assertEquals(1, asker.arpReceived);
        assertEquals(sim.macOf("g"), asker.lastSenderMac);
        assertEquals(1, sim.host("g").arpReplies());
        assertEquals(0, sim.host("h").arpReplies());
    }

    @Test
    void aReplyThatFindsTheHostsSendQueueFullIsDroppedAndCounted() {
        // A slow host link kept full by the host's own traffic, which waits for room and takes every slot.
        sim.run(() -> {
            sim.net.addHost("slow", "sw", -1, OTHER_IP, 1_000_000);
            sim.net.startTraffic("slow", new TrafficSpec("nic0", Rate.parse("100Mbps"), 100, 1, TrafficPattern.CBR,
                    1, 0));
        });
        sim.advance(10 * MILLIS);
        send(MacAddress.BROADCAST, Arp.REQUEST, cardMac, asker.ip(), 0, OTHER_IP);
        HostStats stats = sim.host("slow");
        assertEquals(0, stats.arpReplies());
        assertEquals(1, stats.txDropsQueueFull());
        assertEquals(0, asker.arpReceived);
    }

    @Test
    void arpRepliesIsTheLastFieldSoJsonReadersOfTheOthersAreUndisturbed() {
        RecordComponent[] fields = HostStats.class.getRecordComponents();
        assertEquals("echoedFrames", fields[fields.length - 2].getName());
        assertEquals("arpReplies", fields[fields.length - 1].getName());
    }
}
