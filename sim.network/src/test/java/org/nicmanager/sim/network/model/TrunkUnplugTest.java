package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.LinkState;

/**
 * The trunk between two switches can be cut and mended ({@code hw:unplug swA:swB}): frames across it stop, while every
 * NIC keeps its carrier. That is the silent failure a bond's ARP monitor exists to find.
 */
class TrunkUnplugTest {

    private SimHarness sim;
    private TestDriver card;
    private long hostMac;

    @BeforeEach
    void twoSwitches() {
        sim = new SimHarness();
        card = sim.call(() -> {
            sim.net.addSwitch("swA", 4);
            sim.net.addSwitch("swB", 4);
            sim.net.linkSwitches("swA", "swB", 0);
            sim.net.addHost("h", "swA", -1, 0, 0);
            return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "swB"), 64);
        });
        hostMac = sim.macOf("h");
        sim.advance(MILLIS);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private long framesAcross(int frames) {
        long before = sim.host("h").rxFrames();
        sim.run(() -> {
            for (int i = 0; i < frames; i++) {
                card.send(hostMac, 500, 0, i);
            }
        });
        sim.advance(MILLIS);
        return sim.host("h").rxFrames() - before;
    }

    @Test
    void aCutTrunkStopsFramesAcrossItWhileEveryNicKeepsItsCarrier() {
        assertEquals(3, framesAcross(3));
        List<LinkState> carrierBefore = List.copyOf(card.linkChanges);

        sim.run(() -> sim.net.unplug("swB:swA")); // either order names it
        assertEquals(0, framesAcross(3), "nothing crosses a cut trunk");
        assertEquals(carrierBefore, card.linkChanges, "the NIC saw no carrier change");
        assertEquals(LinkState.UP, sim.call(card.card::linkState));

        sim.run(() -> sim.net.plug("swA:swB"));
        assertEquals(3, framesAcross(3), "the mended trunk carries again");
    }

    @Test
    void anUnknownTrunkIsRefusedWithTheTrunksThereAre() {
        String refusal = assertThrows(IllegalArgumentException.class,
                () -> sim.call(() -> {
                    sim.net.unplug("swA:swC");
                    return null;
                })).getMessage();
        assertEquals("unknown NIC, host or trunk 'swA:swC'; NICs: nic0; hosts: h; trunks: swA:swB", refusal);
    }
}
