package org.nicmanager.sim.network.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.shell.FaultCommands.DeviceState;

/** {@code hw:unplug} and {@code hw:plug} of a host and of a trunk, on a virtual-time world. */
class FaultCommandsTest {

    private WorldThread world;
    private FaultCommands commands;

    @BeforeEach
    void twoLinkedSwitches() {
        world = new WorldThread(ClockMode.VIRTUAL, 10_000_000_000L, (timer, failure) -> {
        });
        SimulatedNetwork net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> {
        }, 42, SimSettings.defaults()));
        world.run(() -> {
            net.addSwitch("swA", 4);
            net.addSwitch("swB", 4);
            net.linkSwitches("swA", "swB", 0);
            net.addHost("h1", "swA", -1, 0, 0);
        });
        commands = new FaultCommands(new Hardware() {
            @Override
            public <T> T call(Function<PhysicalWorld, T> action) {
                return world.call(() -> action.apply(net));
            }
        });
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aTrunkIsNamedAsLinkedWhicheverOrderItIsTyped() {
        assertEquals(new DeviceState("swA:swB", "SWITCH", "DOWN"), commands.unplug("swB:swA"));
        assertEquals(new DeviceState("swA:swB", "SWITCH", "UP"), commands.plug("swA:swB"));
    }

    @Test
    void aHostIsStillUnpluggedByName() {
        assertEquals(new DeviceState("h1", "HOST", "DOWN"), commands.unplug("h1"));
        assertEquals(new DeviceState("h1", "HOST", "UP"), commands.plug("h1"));
    }

    @Test
    void anUnknownTrunkIsRefusedWithTheTrunksThereAre() {
        String message = assertThrows(IllegalArgumentException.class, () -> commands.unplug("swA:swC"))
                .getMessage();
        assertTrue(message.contains("'swA:swC'") && message.contains("trunks: swA:swB")
                && message.contains("hosts: h1"), message);
    }
}
