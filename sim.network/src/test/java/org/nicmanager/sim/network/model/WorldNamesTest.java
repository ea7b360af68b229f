package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.lib.units.Rate;

/** The world's names for the name directory: hosts (attackers too), NICs and switches, with their MACs. */
class WorldNamesTest {

    private final SimHarness sim = new SimHarness();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void everyHostNicAndSwitchIsNamedWithItsMacAndTheVersionMovesOnlyOnAChange() {
        long empty = sim.call(() -> sim.net.namesVersion());
        sim.run(() -> {
            sim.net.addSwitch("swA", 4);
            sim.net.addHost("h1", "swA", MacAddress.parse("02:00:00:00:99:01").bits(), 0, 0);
            sim.net.createCard("nic0", CardLineRateTest.E1000, "swA");
        });
        List<NameEntry> names = sim.call(() -> sim.net.names("sim.network"));
        assertEquals(List.of("h1 HOST [02:00:00:00:99:01]", "nic0 NIC [" + macOf("nic0") + "]", "swA SWITCH []"),
                names.stream().map(entry -> entry.name() + " " + entry.kind() + " " + entry.macs()).toList());
        long built = sim.call(() -> sim.net.namesVersion());
        assertEquals(empty + 3, built);

        sim.run(() -> sim.net.setEcho("h1", true)); // no name changes
        assertEquals(built, sim.call(() -> sim.net.namesVersion()));

        sim.run(() -> sim.net.flood("h1", Rate.parse("1kpps"), 1_000_000, FloodKind.UDP, null));
        assertEquals(List.of("attacker@swA", "h1", "nic0", "swA"), sim.call(() -> sim.net.names("sim.network"))
                .stream().map(NameEntry::name).toList());
        sim.run(() -> sim.net.destroyCard("nic0"));
        assertEquals(List.of("attacker@swA", "h1", "swA"), sim.call(() -> sim.net.names("sim.network")).stream()
                .map(NameEntry::name).toList());
        assertEquals(NameKind.HOST, sim.call(() -> sim.net.names("sim.network")).get(0).kind());
    }

    private String macOf(String card) {
        return MacAddress.format(sim.call(() -> sim.net.card(card).orElseThrow().macAddress()));
    }
}
