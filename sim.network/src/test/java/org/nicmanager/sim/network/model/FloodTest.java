package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.units.Rate;

/** Floods come from an attacker endpoint on a switch, at the rate and for the time given, and are announced. */
class FloodTest {

    private SimHarness sim;
    private TestDriver card;

    @BeforeEach
    void switchesCardAndHost() {
        sim = new SimHarness();
        card = sim.call(() -> {
            sim.net.addSwitch("swA", 4);
            sim.net.addSwitch("swB", 4);
            sim.net.linkSwitches("swA", "swB", 0);
            sim.net.addHost("h", "swA", -1, 0, 0);
            return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "swA"), 64);
        });
    }

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aSynFloodReachesTheCardFromAnAttackerOnItsSwitch() {
        sim.run(() -> sim.net.flood("nic0", Rate.parse("100kpps"), MILLIS, FloodKind.SYN, null));
        assertEquals(List.of("FLOOD_STARTED nic0 SYN"), sim.events);
        sim.advance(2 * MILLIS);
        assertEquals(100, card.synReceived);
        assertEquals(List.of("FLOOD_STARTED nic0 SYN", "FLOOD_ENDED nic0 SYN"), sim.events);
        TopologyView.LinkView attacker = sim.call(() -> sim.net.topology().links().stream()
                .filter(link -> link.kind().equals("ATTACKER")).findFirst().orElseThrow());
        assertEquals("attacker@swA", attacker.device());
        assertEquals("swA", attacker.switchName());
    }

    @Test
    void aUdpFloodThroughAnotherSwitchIsCountedAsOneFlow() {
        sim.run(() -> sim.net.flood("h", Rate.parse("50kpps"), 2 * MILLIS, FloodKind.UDP, "swB"));
        sim.advance(3 * MILLIS);
        HostStats stats = sim.host("h");
        String attacker = MacAddress.format(sim.macOf("attacker@swB"));
        assertEquals(List.of(new HostStats.FlowStats(attacker, TrafficControl.FLOOD_FLOW_ID, 100, 0, 0)),
                stats.flows());
        sim.run(() -> sim.net.flood("h", Rate.parse("50kpps"), MILLIS, FloodKind.UDP, "swB"));
        assertEquals(2, sim.call(() -> sim.net.topology().switches().get(1).portsInUse()), "the attacker is reused");
    }

    @Test
    void stoppingTheAttackerEndsTheFloodEarly() {
        sim.run(() -> sim.net.flood("h", Rate.parse("10kpps"), 10 * MILLIS, FloodKind.UDP, null));
        sim.advance(MILLIS);
        sim.run(() -> sim.net.stopTraffic("attacker@swA"));
        sim.advance(10 * MILLIS);
        assertEquals(List.of("FLOOD_STARTED h UDP", "FLOOD_ENDED h UDP"), sim.events);
        assertEquals(11, sim.host("h").rxFrames(), "frames at 0, 100 us, ... 1 ms, then no more");
    }

    @Test
    void aBroadcastFloodReachesEveryone() {
        sim.run(() -> sim.net.flood("h", Rate.parse("10kpps"), MILLIS, FloodKind.BROADCAST, "swB"));
        sim.advance(2 * MILLIS);
        assertEquals(10, sim.host("h").rxFrames());
        assertEquals(10, card.received);
    }
}
