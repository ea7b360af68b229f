package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;
import static org.nicmanager.sim.network.model.SimHarness.SECOND;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.units.Rate;

/** MAC learning, flooding, aging, per-port counters and pool exhaustion of the simulated switch. */
class SwitchTest {

    private SimHarness sim;

    @AfterEach
    void close() {
        sim.close();
    }

    /** Three hosts on ports 1..3 of a 4-port switch; hosts only send when told. */
    private void threeHosts(SimSettings settings) {
        sim = new SimHarness(settings, 7);
        sim.run(() -> {
            sim.net.addSwitch("sw", 4);
            sim.net.addHost("h1", "sw", -1, 0, 1_000_000_000L);
            sim.net.addHost("h2", "sw", -1, 0, 1_000_000_000L);
            sim.net.addHost("h3", "sw", -1, 0, 1_000_000_000L);
        });
    }

    /** Sends {@code frames} 60-byte frames, one a microsecond, and lets them all arrive. */
    static void send(SimHarness sim, String from, String to, int frames) {
        sim.run(() -> sim.net.startTraffic(from, new TrafficSpec(to, new Rate(1_000_000, Rate.Unit.FRAMES_PER_SECOND),
                60, 1, TrafficPattern.CBR, 1, frames * 1_000L)));
        sim.advance(frames * 1_000L + 100_000);
    }

    private long txFrames(int port) {
        return sim.port("sw", port).txFrames();
    }

    @Test
    void unknownUnicastFloodsToEveryOtherPortButNotBackOut() {
        threeHosts(TEST);
        send(sim, "h1", "h2", 1);
        assertEquals(0, txFrames(1), "never back out of the ingress port");
        assertEquals(1, txFrames(2));
        assertEquals(1, txFrames(3));
        assertEquals(1, sim.host("h2").rxFrames());
        assertEquals(0, sim.host("h3").rxFrames());
        assertEquals(1, sim.host("h3").rxDropsNotForUs(), "h3's NIC filters the flooded copy");
    }

    @Test
    void broadcastReachesEveryOtherPort() {
        threeHosts(TEST);
        TestDriver card = sim.call(() -> new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 16));
        assertEquals(TransmitStatus.ACCEPTED, sim.call(() -> card.send(MacAddress.BROADCAST, 60, 0, 0)));
        sim.advance(MILLIS);
        assertEquals(1, sim.host("h1").rxFrames());
        assertEquals(1, sim.host("h2").rxFrames());
        assertEquals(1, sim.host("h3").rxFrames());
        assertEquals(0, txFrames(4), "not back to the sending card");
        assertEquals(1, sim.port("sw", 4).rxFrames());
    }

    @Test
    void aLearnedMacGetsFramesOnItsPortOnly() {
        threeHosts(TEST);
        send(sim, "h1", "h2", 1); // flooded; the switch learns h1
        send(sim, "h2", "h1", 1); // h1 known: port 1 only; the switch learns h2
        assertEquals(1, txFrames(3), "h2's reply to the known h1 was not flooded");
        send(sim, "h1", "h2", 5);
        assertEquals(1, txFrames(3), "frames to the learned h2 did not reach port 3");
        assertEquals(6, txFrames(2));
        assertEquals(6, sim.host("h2").rxFrames());
        assertEquals(2, sim.call(() -> sim.net.topology().switches().get(0).macTableEntries()));
    }

    @Test
    void anEntryAgesOutAfterTheAgingTimeAndTrafficFloodsAgain() {
        threeHosts(TEST.withMacAgingNanos(SECOND));
        send(sim, "h2", "h1", 1); // learned at about 1.2 us
        send(sim, "h1", "h2", 1);
        assertEquals(1, txFrames(3), "only h2's own flood so far");
        sim.advance(SECOND - 300_000); // just under a second since h2 was heard
        assertEquals(2, sim.call(() -> sim.net.topology().switches().get(0).macTableEntries()));
        send(sim, "h1", "h2", 1);
        assertEquals(1, txFrames(3), "still learned just before the aging time");
        sim.advance(SECOND);
        assertEquals(0, sim.call(() -> sim.net.topology().switches().get(0).macTableEntries()), "aged out");
        send(sim, "h1", "h2", 1);
        assertEquals(2, txFrames(3), "the forgotten MAC is flooded again");
    }

    @Test
    void portCountersCountFramesAndBytesEachWay() {
        threeHosts(TEST);
        send(sim, "h1", "h2", 3);
        send(sim, "h2", "h1", 2);
        PortStats port1 = sim.port("sw", 1);
        assertEquals(3, port1.rxFrames());
        assertEquals(180, port1.rxBytes());
        assertEquals(2, port1.txFrames());
        assertEquals(120, port1.txBytes());
        assertEquals("UP", port1.state());
        assertEquals("h1", port1.device());
        assertEquals(0, port1.queuedFrames());
    }

    @Test
    void twoSendersIntoOneLinkTailDropAtTheEgressQueue() {
        threeHosts(TEST.withSwitchEgressQueueFrames(8));
        send(sim, "h3", "h1", 1);
        sim.run(() -> {
            for (String sender : new String[] {"h1", "h2"}) {
                sim.net.startTraffic(sender, new TrafficSpec("h3", new Rate(1_000_000_000L, Rate.Unit.BITS_PER_SECOND),
                        60, 1, TrafficPattern.CBR, 1, 10 * MILLIS));
            }
        });
        sim.advance(5 * MILLIS);
        assertEquals(5 * MILLIS / 672, sim.host("h3").rxFrames(), 5, "h3's link is kept full");
        sim.advance(15 * MILLIS);
        PortStats port3 = sim.port("sw", 3);
        long offered = sim.port("sw", 1).rxFrames() + sim.port("sw", 2).rxFrames();
        assertTrue(port3.dropsQueueFull() > offered / 3, "about half the frames are tail-dropped: " + port3);
        assertEquals(offered, sim.host("h3").rxFrames() + port3.dropsQueueFull());
    }

    @Test
    void floodCopiesThePoolCannotSupplyAreCounted() {
        sim = new SimHarness(TEST.withPoolBuffers(16), 7);
        TestDriver card = sim.call(() -> {
            sim.net.addSwitch("sw", 8);
            for (int host = 1; host <= 4; host++) {
                sim.net.addHost("h" + host, "sw", -1, 0, 100_000_000L); // slow links: copies pile up
            }
            return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 1024);
        });
        sim.run(() -> card.saturate(MacAddress.BROADCAST, 60));
        sim.advance(MILLIS);
        long noBuffer = 0;
        for (int port = 1; port <= 4; port++) {
            noBuffer += sim.port("sw", port).dropsNoBuffer();
        }
        assertTrue(noBuffer > 0, "exhaustion is counted on the ports that lost their copy");
        assertTrue(sim.call(() -> sim.net.poolExhaustedCount()) >= noBuffer);
    }

    private static final SimSettings TEST = SimHarness.TEST_SETTINGS;
}
