package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;

/** Bad requests are refused with a message that names the bad value and the choices, and change nothing. */
class RefusalTest {

    private SimHarness sim;

    @BeforeEach
    void twoSwitches() {
        sim = new SimHarness();
        sim.run(() -> {
            sim.net.addSwitch("swA", 2);
            sim.net.addSwitch("swB", 4);
            sim.net.createCard("nic0", CardLineRateTest.E1000, "swA");
            sim.net.addHost("h1", "swA", -1, 0, 0);
        });
    }

    @AfterEach
    void close() {
        sim.close();
    }

    /** Runs a request in the world, expects a refusal mentioning every fragment, and checks nothing changed. */
    private void assertRefused(Runnable request, String... fragments) {
        TopologyView before = sim.call(() -> sim.net.topology());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> sim.run(request));
        for (String fragment : fragments) {
            assertTrue(refused.getMessage().contains(fragment), "'" + fragment + "' in: " + refused.getMessage());
        }
        assertEquals(before, sim.call(() -> sim.net.topology()), "a refused request changes nothing");
    }

    @Test
    void anUnknownSwitchIsNamedWithTheSwitchesThereAre() {
        assertRefused(() -> sim.net.createCard("nic1", CardLineRateTest.E1000, "swC"), "'swC'", "swA, swB");
        assertRefused(() -> sim.net.addHost("h2", "swC", -1, 0, 0), "'swC'", "swA, swB");
        assertRefused(() -> sim.net.switchPorts("nope"), "'nope'");
    }

    @Test
    void aFullSwitchIsRefused() {
        assertRefused(() -> sim.net.createCard("nic1", CardLineRateTest.E1000, "swA"), "'swA'", "all 2 ports");
    }

    @Test
    void namesAreSharedByNicsHostsAndSwitches() {
        assertRefused(() -> sim.net.createCard("h1", CardLineRateTest.E1000, "swB"), "'h1'", "a host");
        assertRefused(() -> sim.net.addHost("nic0", "swB", -1, 0, 0), "'nic0'", "a NIC");
        assertRefused(() -> sim.net.addSwitch("swB", 8), "'swB'", "a switch");
        assertRefused(() -> sim.net.addHost("bad name", "swB", -1, 0, 0), "'bad name'");
    }

    @Test
    void badPortCountsAreRefused() {
        assertRefused(() -> sim.net.addSwitch("swC", 0), "0", "1..1024");
        assertRefused(() -> sim.net.addSwitch("swC", 1025), "1025", "1..1024");
    }

    @Test
    void unpluggingOrFailingAnUnknownDeviceIsRefused() {
        assertRefused(() -> sim.net.unplug("nic9"), "'nic9'", "nic0", "h1");
        assertRefused(() -> sim.net.plug("nic9"), "'nic9'");
        assertRefused(() -> sim.net.fail("h1", Fault.HARDWARE, 0), "'h1' is a host");
        assertRefused(() -> sim.net.fail("nic0", Fault.RING, -5), "-5");
        assertRefused(() -> sim.net.repair("nic9"), "'nic9'");
    }

    @Test
    void badHostsAreRefused() {
        long nicMac = sim.macOf("nic0");
        assertRefused(() -> sim.net.addHost("h2", "swB", nicMac, 0, 0), "already used by 'nic0'");
        assertRefused(() -> sim.net.addHost("h2", "swB", 0x01_00_5E_00_00_01L, 0, 0), "unicast");
        assertRefused(() -> sim.net.addHost("h2", "swB", -1, 0, -1), "-1 bps");
        assertRefused(() -> sim.net.hostStats("nic0"), "'nic0' is a NIC");
    }

    @Test
    void badTrafficIsRefused() {
        Rate rate = Rate.parse("1Mbps");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("nowhere", rate, 100, 1, TrafficPattern.CBR,
                1, 0)), "'nowhere'", "a host, a NIC or a MAC");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("nic0", rate, 40, 1, TrafficPattern.CBR, 1,
                0)), "40 bytes", "60..9022");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("nic0", new Rate(0,
                Rate.Unit.BITS_PER_SECOND), 100, 1, TrafficPattern.CBR, 1, 0)), "0bps");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("nic0", rate, 100, 0, TrafficPattern.CBR, 1,
                0)), "flow count 0");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("nic0", rate, 100, 1, TrafficPattern.BURST,
                0, 0)), "burst of 0");
        assertRefused(() -> sim.net.startTraffic("h1", new TrafficSpec("h1", rate, 100, 1, TrafficPattern.CBR, 1,
                0)), "itself");
        assertRefused(() -> sim.net.flood("nic0", rate, 0, FloodKind.UDP, null), "duration above 0");
        assertRefused(() -> sim.net.flood("nic0", rate, 1000, FloodKind.UDP, null), "'swA'", "no free port");
        assertRefused(() -> sim.net.flood("02:00:00:00:00:99", rate, 1000, FloodKind.UDP, null), "--via");
    }

    @Test
    void switchesLinkOnlyAlongATree() {
        sim.run(() -> sim.net.addSwitch("swC", 4));
        sim.run(() -> sim.net.linkSwitches("swB", "swC", 0));
        assertRefused(() -> sim.net.linkSwitches("swC", "swB", 0), "already connected");
        assertRefused(() -> sim.net.linkSwitches("swB", "swB", 0), "itself");
        assertRefused(() -> sim.net.linkSwitches("swA", "swB", 0), "'swA'", "no free port");
    }
}
