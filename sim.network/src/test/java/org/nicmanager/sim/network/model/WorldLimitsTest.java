package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The world holds only as many switches, switch ports and hosts as configured, and adding one is constant work. */
class WorldLimitsTest {

    @Test
    void oneSwitchTooManyIsRefusedNamingTheLimit() {
        SimSettings settings = SimHarness.TEST_SETTINGS.withLimits(new WorldLimits(2, 1_000, 10));
        try (SimHarness sim = new SimHarness(settings, 1)) {
            sim.run(() -> {
                sim.net.addSwitch("s1", 4);
                sim.net.addSwitch("s2", 4);
            });
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> sim.run(() -> sim.net.addSwitch("s3", 4)));
            assertEquals("switch 's3' refused: the world holds 2 switches, the limit maxSwitches = 2 of configuration"
                    + " org.nicmanager.sim.network", refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sim.run(() -> sim.net.checkNewSwitch("s3", 4)));
            assertEquals(2, sim.call(() -> sim.net.topology()).switches().size(), "nothing changed");
        }
    }

    @Test
    void switchPortsAreCountedAcrossSwitches() {
        SimSettings settings = SimHarness.TEST_SETTINGS.withLimits(new WorldLimits(10, 30, 10));
        try (SimHarness sim = new SimHarness(settings, 1)) {
            sim.run(() -> sim.net.addSwitch("s1", 24));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> sim.run(() -> sim.net.addSwitch("s2", 8)));
            assertEquals("switch 's2' refused: its 8 ports would make 32 switch ports, beyond the limit"
                    + " maxSwitchPorts = 30 of configuration org.nicmanager.sim.network", refused.getMessage());
            sim.run(() -> sim.net.addSwitch("s2", 6)); // exactly the limit
        }
    }

    @Test
    void oneHostTooManyIsRefusedNamingTheLimit() {
        SimSettings settings = SimHarness.TEST_SETTINGS.withLimits(new WorldLimits(10, 1_000, 1));
        try (SimHarness sim = new SimHarness(settings, 1)) {
            sim.run(() -> {
                sim.net.addSwitch("s1", 4);
                sim.net.addHost("h1", "s1", -1, 0, 0);
            });
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> sim.run(() -> sim.net.addHost("h2", "s1", -1, 0, 0)));
            assertEquals("host 'h2' refused: the world holds 1 hosts, the limit maxHosts = 1 of configuration"
                    + " org.nicmanager.sim.network", refused.getMessage());
            assertEquals(1, sim.call(() -> sim.net.topology()).links().size(), "nothing changed");
        }
    }

    /**
     * What {@code hw:switch add} asks of the world before and after adding (is the name free, is there room, the new
     * switch's line) never builds the whole topology report, so the thousandth switch costs what the first did.
     */
    @Test
    void addingSwitchesBuildsNoTopologyReport() {
        try (SimHarness sim = new SimHarness()) {
            for (int i = 0; i < 1_000; i++) {
                String name = "sw" + i;
                sim.run(() -> { // one world action per switch, as one command each
                    assertTrue(sim.net.ownerKind(name).isEmpty());
                    sim.net.checkNewSwitch(name, 24);
                    sim.net.addSwitch(name, 24);
                    assertEquals(24, sim.net.switchView(name).orElseThrow().ports());
                });
            }
            assertEquals(0, sim.call(() -> sim.net.topologyReports()));
            assertEquals("a switch", sim.call(() -> sim.net.ownerKind("sw999")).orElseThrow());
        }
    }
}
