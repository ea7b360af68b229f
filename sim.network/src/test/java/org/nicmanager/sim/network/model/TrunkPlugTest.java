package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.lib.units.Rate;

/**
 * The cable between two switches is pulled and plugged as {@code SW1:SW2}: carrier drops at the two switch ports only,
 * so the NICs and hosts beyond it keep theirs and the cut is silent to them, while frames across it stop and are
 * counted.
 */
class TrunkPlugTest {

    private SimHarness sim;
    private TestDriver nicA;
    private TestDriver nicB;

    /** swA: hA, nicA and a 1 Gb/s trunk; swB: hB, nicB and the trunk. Hosts have 10 Gb/s links. */
    @BeforeEach
    void twoSwitchesLinked() {
        sim = new SimHarness();
        List<TestDriver> cards = sim.call(() -> {
            sim.net.addSwitch("swA", 4);
            sim.net.addSwitch("swB", 4);
            sim.net.linkSwitches("swA", "swB", 1_000_000_000L);
            sim.net.addHost("hA", "swA", -1, 0, 0);
            sim.net.addHost("hB", "swB", -1, 0, 0);
            return List.of(new TestDriver(sim.net.createCard("nicA", CardLineRateTest.E1000, "swA"), 64),
                    new TestDriver(sim.net.createCard("nicB", CardLineRateTest.E1000, "swB"), 64));
        });
        nicA = cards.get(0);
        nicB = cards.get(1);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private String state(String device) {
        return sim.call(() -> sim.net.topology().links().stream().filter(link -> link.device().equals(device))
                .findFirst().orElseThrow().state());
    }

    /** The trunk's line in the topology: kind SWITCH, on swA, its device swB's port. */
    private String trunkState() {
        return sim.call(() -> sim.net.topology().links().stream().filter(link -> link.kind().equals("SWITCH"))
                .findFirst().orElseThrow().state());
    }

    private long nicANotForUs() {
        return sim.call(() -> nicA.card.counters().rxDropsNotForUs());
    }

    @Test
    void cuttingATrunkStopsFramesAcrossItWhileEveryNicAndHostKeepsItsCarrier() {
        SwitchTest.send(sim, "hB", "hA", 1); // swA learns hB behind the trunk
        SwitchTest.send(sim, "hA", "hB", 10);
        assertEquals(10, sim.host("hB").rxFrames());
        assertEquals("UP", trunkState());

        sim.run(() -> sim.net.unplug("swB:swA")); // either order names the trunk
        assertEquals(List.of("UNPLUGGED swA:swB"), sim.events, "the event names the trunk as it was linked");
        assertEquals("DOWN", trunkState());
        assertEquals("DOWN", sim.port("swA", 1).state());
        assertEquals("DOWN", sim.port("swB", 1).state());
        for (TestDriver nic : List.of(nicA, nicB)) {
            assertEquals(List.of(), sim.call(() -> List.copyOf(nic.linkChanges)), "a silent failure for " + nic.card);
            assertEquals(LinkState.UP, sim.call(() -> nic.card.linkState()));
        }
        assertEquals("UP", state("hA"));
        assertEquals("UP", state("hB"));

        long sentBefore = sim.host("hA").txFrames();
        long notForUsBefore = nicANotForUs();
        SwitchTest.send(sim, "hA", "hB", 10);
        assertEquals(10, sim.host("hA").txFrames() - sentBefore, "hA's own link is up: it sends");
        assertEquals(10, sim.host("hB").rxFrames(), "nothing crosses the cut");
        // swA forgot hB with the trunk's link, so it floods hB's frames to the only other port up, nicA's, whose
        // filter drops and counts them (the trunk port, down, is skipped).
        assertEquals(10, nicANotForUs() - notForUsBefore);

        sim.run(() -> sim.net.plug("swA:swB"));
        assertEquals(List.of("UNPLUGGED swA:swB", "PLUGGED swA:swB"), sim.events);
        assertEquals("UP", trunkState());
        SwitchTest.send(sim, "hA", "hB", 10);
        assertEquals(20, sim.host("hB").rxFrames(), "delivery is back");
        assertEquals(List.of(), sim.call(() -> List.copyOf(nicA.linkChanges)));
    }

    @Test
    void framesQueuedIntoTheTrunkWhenItIsCutAreCounted() {
        SwitchTest.send(sim, "hB", "hA", 1); // flooded on swA, to nicA too
        long notForUsBefore = nicANotForUs();
        long sent = 2_000;
        // Faster than the trunk can carry, so that frames wait in swA's trunk port when the cable goes; after it, swA
        // floods them to nicA's port, faster than nicA's link too.
        sim.run(() -> sim.net.startTraffic("hA", new TrafficSpec("hB", Rate.parse("5Gbps"), 1000, 1,
                TrafficPattern.CBR, 1, sent * 1600)));
        sim.advance(sent * 800);
        sim.run(() -> sim.net.unplug("swA:swB"));
        sim.advance(20 * SimHarness.MILLIS); // hA's traffic ends, and the frames flooded to nicA drain
        PortStats trunkPort = sim.port("swA", 1);
        assertTrue(trunkPort.dropsLinkDown() > 0, "the trunk port's queue was flushed and counted");
        assertEquals(sent, sim.host("hA").txFrames(), "hA's link stayed up: it sent everything");
        assertTrue(sim.host("hB").rxFrames() < sent / 2, sim.host("hB").rxFrames() + " reached hB");
        long droppedOnSwA = sim.call(() -> sim.net.switchPorts("swA").stream().mapToLong(port -> port.dropsLinkDown()
                + port.dropsQueueFull() + port.dropsFiltered() + port.dropsNoBuffer()).sum());
        assertEquals(sim.host("hA").txFrames(), sim.host("hB").rxFrames() + droppedOnSwA + nicANotForUs()
                - notForUsBefore + lostOnTheTrunk(), "every frame hA sent reached hB or was counted as dropped");
    }

    private long lostOnTheTrunk() {
        return sim.call(() -> sim.net.topology().links().stream().filter(link -> link.kind().equals("SWITCH"))
                .findFirst().orElseThrow().lostFrames());
    }

    @Test
    void pluggingOrUnpluggingTwiceDoesNothingMore() {
        sim.run(() -> {
            sim.net.unplug("swA:swB");
            sim.net.unplug("swB:swA");
            sim.net.plug("swB:swA");
            sim.net.plug("swA:swB");
        });
        assertEquals(List.of("UNPLUGGED swA:swB", "PLUGGED swA:swB"), sim.events);
    }

    @Test
    void anUnknownTrunkIsRefusedWithTheTrunksThereAre() {
        sim.run(() -> sim.net.addSwitch("swC", 2));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> sim.run(() -> sim.net.unplug("swA:swC")));
        assertEquals("unknown NIC, host or trunk 'swA:swC'; NICs: nicA, nicB; hosts: hA, hB; trunks: swA:swB",
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.run(() -> sim.net.plug("swA:")));
        assertEquals(List.of(), sim.events, "nothing changed");
        assertEquals("UP", trunkState());
    }

    @Test
    void withoutTrunksTheRefusalSaysHowToMakeOne() {
        try (SimHarness alone = new SimHarness()) {
            alone.run(() -> alone.net.addSwitch("sw", 2));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> alone.run(() -> alone.net.unplug("sw:sw2")));
            assertTrue(refused.getMessage().contains("there are no trunks (link two switches with hw:switch link)"),
                    refused.getMessage());
        }
    }
}
