package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.VirtualWorldHarness;

/**
 * A simulated network on a virtual-time world thread, for tests: set-up and inspection run inside the world, time
 * moves only by {@link #advance}. Records the world's events, and fails on close if any timer threw.
 */
final class SimHarness extends VirtualWorldHarness<WorldThread> {

    static final long MICROS = 1_000L;
    static final long MILLIS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    /** Small pools keep tests light; the defaults are sized for a whole host. */
    static final SimSettings TEST_SETTINGS = SimSettings.defaults().withPoolBuffers(4096);

    final SimulatedNetwork net;
    /** "TOPIC subject fault", in the order posted. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    SimHarness() {
        this(TEST_SETTINGS, 42);
    }

    SimHarness(SimSettings settings, long seed) {
        super(timerFailures -> new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, timerFailures));
        net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> events.add(
                topic.substring(topic.lastIndexOf('/') + 1) + " " + subject + (fault == null ? "" : " " + fault)),
                seed, settings));
    }

    /** The MAC of a card or host, from the topology. */
    long macOf(String device) {
        return call(() -> net.topology().links().stream().filter(link -> link.device().equals(device))
                .map(link -> MacAddress.parse(link.mac()).bits()).findFirst().orElseThrow());
    }

    HostStats host(String name) {
        return call(() -> net.hostStats(name));
    }

    PortStats port(String switchName, int port) {
        return call(() -> net.switchPorts(switchName).stream().filter(stats -> stats.port() == port).findFirst()
                .orElseThrow());
    }
}
