package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MICROS;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.TransmitStatus;

/** Cable pulls and card faults: carrier changes reach the listener at once, and every dropped frame is counted. */
class FaultTest {

    private SimHarness sim;
    private TestDriver card;
    private long hostMac;

    @BeforeEach
    void cardAndHost() {
        // A cable with a propagation delay, so that a frame can be caught on it by the unplug.
        sim = new SimHarness(SimHarness.TEST_SETTINGS.withCablePropagationDelayNanos(500), 42);
        card = sim.call(() -> {
            sim.net.addSwitch("sw", 4);
            sim.net.addHost("h", "sw", -1, 0, 0);
            return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 1024);
        });
        hostMac = sim.macOf("h");
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private NicCounters counters() {
        return sim.call(() -> card.card.counters());
    }

    @Test
    void unplugDropsCarrierAtOnceAndCountsEveryFrameLeft() {
        sim.run(() -> card.saturate(hostMac, 1514));
        sim.advance(8 * 12_304 + 250); // 250 ns after the 8th frame left: it is on the cable, the 9th half-sent
        List<Object> atUnplug = sim.call(() -> {
            int pending = card.card.pendingFrames();
            sim.net.unplug("nic0");
            // Synchronous: the listener heard it before unplug returned.
            return List.of(pending, List.copyOf(card.linkChanges), card.card.linkState(), card.card.pendingFrames());
        });
        assertEquals(256, atUnplug.get(0));
        assertEquals(List.of(LinkState.DOWN), atUnplug.get(1));
        assertEquals(LinkState.DOWN, atUnplug.get(2));
        assertEquals(0, atUnplug.get(3));
        NicCounters counters = counters();
        assertEquals(256, counters.txDropsLinkDown(), "the whole ring, the frame half-sent included");
        TopologyView.LinkView cable = sim.call(() -> sim.net.topology().links().stream()
                .filter(link -> link.device().equals("nic0")).findFirst().orElseThrow());
        assertEquals("DOWN", cable.state());
        assertEquals(1, cable.lostFrames(), "the frame propagating along the cable was lost");
        assertEquals("DOWN", sim.port("sw", 2).state());
        assertEquals(TransmitStatus.LINK_DOWN, sim.call(() -> card.send(hostMac, 60, 0, 0)));
        assertEquals(257, counters().txDropsLinkDown());

        sim.advance(MILLIS);
        long sent = counters().txFrames();
        assertEquals(sent, sim.host("h").rxFrames() + cable.lostFrames(), "sent = received + lost on the cable");
        sim.run(() -> sim.net.plug("nic0"));
        assertEquals(List.of(LinkState.DOWN, LinkState.UP), sim.call(() -> List.copyOf(card.linkChanges)));
        assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> card.send(hostMac, 60, 0, 0)));
        assertEquals(List.of("UNPLUGGED nic0", "PLUGGED nic0"), sim.events);
    }

    @Test
    void unpluggingAHostDropsTheCardsFramesAtTheSwitch() {
        sim.run(() -> card.saturate(hostMac, 1514));
        sim.advance(MILLIS);
        sim.run(() -> sim.net.unplug("h"));
        assertEquals(List.of(), sim.call(() -> List.copyOf(card.linkChanges)), "the card's own link stays up");
        sim.advance(MILLIS);
        PortStats hostPort = sim.port("sw", 1);
        assertEquals("DOWN", hostPort.state());
        assertEquals(0, hostPort.dropsLinkDown(), "the host's MAC was forgotten with its link, so frames flood");
        assertTrue(sim.port("sw", 2).dropsFiltered() > 0, "and find no other port up");
    }

    @Test
    void aRingFaultAnswersBusyForExactlyItsDurationThenRecovers() {
        sim.run(() -> sim.net.fail("nic0", Fault.RING, MILLIS));
        assertEquals(TransmitStatus.BUSY, sim.call(() -> card.send(hostMac, 60, 0, 0)));
        assertEquals(LinkState.UP, sim.call(() -> card.card.linkState()), "a ring fault is not a link fault");
        assertTrue(sim.call(() -> card.card.transmitRingFull()));
        sim.advance(MILLIS - 1);
        assertEquals(TransmitStatus.BUSY, sim.call(() -> card.send(hostMac, 60, 0, 1)));
        sim.advance(1);
        assertEquals(1, sim.call(() -> card.transmitReadyCalls), "told once the ring takes frames again");
        assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> card.send(hostMac, 60, 0, 2)));
        assertEquals(2, counters().txBusy());
        assertEquals(List.of("FAILED nic0 RING", "REPAIRED nic0 RING"), sim.events);
    }

    @Test
    void aHardwareFaultFailsTheCardUntilRepaired() {
        sim.run(() -> card.saturate(hostMac, 1514));
        sim.advance(50 * MICROS);
        sim.run(() -> sim.net.fail("nic0", Fault.HARDWARE, 0));
        assertEquals(LinkState.FAILED, sim.call(() -> card.card.linkState()));
        assertEquals(List.of(LinkState.FAILED), sim.call(() -> List.copyOf(card.linkChanges)));
        assertEquals(256, counters().txDropsLinkDown());
        assertEquals(1, counters().hardwareErrors());
        assertEquals("DOWN", sim.port("sw", 2).state(), "the switch lost carrier too");
        assertEquals(TransmitStatus.LINK_DOWN, sim.call(() -> card.send(hostMac, 60, 0, 0)));
        sim.advance(10 * MILLIS);
        assertEquals(LinkState.FAILED, sim.call(() -> card.card.linkState()), "no repair without one");
        sim.run(() -> sim.net.repair("nic0"));
        assertEquals(List.of(LinkState.FAILED, LinkState.UP), sim.call(() -> List.copyOf(card.linkChanges)));
        assertEquals(List.of("FAILED nic0 HARDWARE", "REPAIRED nic0 HARDWARE"), sim.events);
    }

    @Test
    void aTimedHardwareFaultRepairsItselfAndAnUnpluggedCardComesBackDown() {
        sim.run(() -> {
            sim.net.fail("nic0", Fault.HARDWARE, 2 * MILLIS);
            sim.net.unplug("nic0");
        });
        sim.advance(2 * MILLIS);
        assertEquals(LinkState.DOWN, sim.call(() -> card.card.linkState()));
        sim.run(() -> sim.net.plug("nic0"));
        assertEquals(List.of(LinkState.FAILED, LinkState.DOWN, LinkState.UP),
                sim.call(() -> List.copyOf(card.linkChanges)));
    }

    @Test
    void destroyingACardCountsItsRingAndFreesItsPort() {
        sim.run(() -> card.saturate(hostMac, 1514));
        sim.advance(50 * MICROS);
        sim.run(() -> sim.net.destroyCard("nic0"));
        assertEquals(256, counters().txDropsLinkDown());
        assertTrue(sim.call(() -> sim.net.card("nic0")).isEmpty());
        assertEquals(1, sim.call(() -> sim.net.topology().switches().get(0).portsInUse()));
        sim.run(() -> sim.net.createCard("nic1", CardLineRateTest.E1000, "sw"));
        assertEquals("sw/2", sim.call(() -> sim.net.card("nic1").orElseThrow().attachment()), "lowest free port");
    }
}
