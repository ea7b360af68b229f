package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;
import static org.nicmanager.sim.network.model.SimHarness.SECOND;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveHandler;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.RingCounters;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.api.NicModel;

/** A simulated card reaches the kernel through the driver contract: every frame it counts went through its rings. */
class CardDriverRingsTest {

    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> { });

    /** The world's rings, kept by name so that the test can read their counters. */
    private final class SpyRings implements DriverRings {
        final Map<String, Object> opened = new LinkedHashMap<>();

        @Override
        public ReceiveRing openReceive(NetworkWorld feeds, String name, int slots, ReceiveHandler handler) {
            ReceiveRing ring = world.openReceive(feeds, name, slots, handler);
            opened.put(name, ring);
            return ring;
        }

        @Override
        public TransmitRing openTransmit(NetworkWorld feeds, String name, int slots, TransmitHandler handler) {
            TransmitRing ring = world.openTransmit(feeds, name, slots, handler);
            opened.put(name, ring);
            return ring;
        }

        @Override
        public FrameSupply newSupply(String name, int buffers, int bufferBytes, FrameMemory memory) {
            return world.newSupply(name, buffers, bufferBytes, memory);
        }

        RingCounters counters(String name) {
            Object ring = opened.get(name);
            return ring instanceof ReceiveRing rx ? rx.counters() : ((TransmitRing) ring).counters();
        }
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void everyFrameACardCountsWentThroughItsRingsAndDestroyingItClosesThem() {
        SpyRings rings = new SpyRings();
        SimulatedNetwork net = world.call(() -> new SimulatedNetwork(world, world, rings,
                (topic, subject, fault) -> { }, 42, SimHarness.TEST_SETTINGS));
        TestDriver driver = world.call(() -> {
            net.addSwitch("sw", 4);
            TestDriver card = new TestDriver(net.createCard("nic0", E1000, "sw"), 1024);
            net.addHost("sink", "sw", -1, 0, 0);
            return card;
        });
        long sink = world.call(() -> net.topology().links().stream().filter(link -> link.device().equals("sink"))
                .map(link -> MacAddress.parse(link.mac()).bits()).findFirst()
                .orElseThrow());
        world.run(() -> {
            driver.saturate(sink, 60);
            net.startTraffic("sink", new TrafficSpec("nic0", Rate.parse("10kpps"), 60, 1, TrafficPattern.CBR, 1,
                    1_000));
        });
        world.advance(10 * MILLIS);
        world.run(() -> net.fail("nic0", Fault.HARDWARE, 0)); // aborts what the ring holds

        NicCounters counters = world.call(driver.card::counters);
        assertEquals(2, world.call(() -> world.rings().openRings()));
        assertEquals(List.of("card nic0 tx", "card nic0 rx"), List.copyOf(rings.opened.keySet()));
        RingCounters tx = world.call(() -> rings.counters("card nic0 tx"));
        RingCounters rx = world.call(() -> rings.counters("card nic0 rx"));
        assertTrue(counters.txFrames() > 10_000, "saturated: " + counters.txFrames());
        assertTrue(counters.txDropsLinkDown() > 0, "the failure aborted queued frames");
        assertEquals(counters.txFrames() + counters.txDropsLinkDown(), tx.delivered(),
                "every frame sent or aborted came back through the transmit ring");
        assertTrue(counters.rxFrames() > 0);
        assertEquals(counters.rxFrames() + counters.rxDropsNoListener(), rx.delivered());
        assertEquals(0, tx.wakeUps() + rx.wakeUps(), "drained on the world thread at each publish");

        world.run(() -> net.destroyCard("nic0"));
        assertEquals(0, world.call(() -> world.rings().openRings()));
    }
}
