package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MICROS;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;
import static org.nicmanager.sim.network.model.SimHarness.SECOND;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;

/** CBR, BURST and POISSON sources from one host to another, counted at the receiver. */
class TrafficPatternTest {

    private SimHarness sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimHarness twoHosts(long seed) {
        SimHarness harness = new SimHarness(SimHarness.TEST_SETTINGS, seed);
        harness.run(() -> {
            harness.net.addSwitch("sw", 4);
            harness.net.addHost("a", "sw", -1, 0, 1_000_000_000L);
            harness.net.addHost("b", "sw", -1, 0, 1_000_000_000L);
        });
        return harness;
    }

    private static TrafficSpec spec(Rate rate, int frameBytes, int flows, TrafficPattern pattern, int burst) {
        return new TrafficSpec("b", rate, frameBytes, flows, pattern, burst, 0);
    }

    @Test
    void cbrIsExactOverAnyWholeWindow() {
        sim = twoHosts(1);
        // 100 Mb/s of 1000-byte frames: 12,500 frames a second, one every 80 us.
        sim.run(() -> sim.net.startTraffic("a", spec(Rate.parse("100Mbps"), 1000, 4, TrafficPattern.CBR, 1)));
        sim.advance(SECOND / 2 + 12_345);
        long first = sim.host("b").rxFrames();
        sim.advance(SECOND);
        assertEquals(12_500, sim.host("b").rxFrames() - first);
        sim.advance(80 * MICROS);
        assertEquals(12_501, sim.host("b").rxFrames() - first);
        HostStats stats = sim.host("b");
        assertEquals(4, stats.flows().size(), "four flows take turns");
        assertEquals(0, stats.lostFrames());
        assertEquals(0, stats.reorderedFrames());
    }

    @Test
    void aFrameRateAndADurationGiveAnExactCount() {
        sim = twoHosts(1);
        sim.run(() -> sim.net.startTraffic("a", new TrafficSpec("b", Rate.parse("150kpps"), 64, 1, TrafficPattern.CBR,
                1, 10 * MILLIS)));
        sim.advance(20 * MILLIS);
        assertEquals(1_500, sim.host("b").rxFrames(), "the window is [start, start + 10 ms)");
        assertEquals(1_500, sim.host("a").txFrames());
    }

    @Test
    void aCountEndsTheSourceAfterThatManyFramesEvenInTheMiddleOfABurst() {
        sim = twoHosts(1);
        // bursts of 4: the third burst is cut to 2 frames, and nothing follows.
        sim.run(() -> sim.net.startTraffic("a", new TrafficSpec("b", Rate.parse("1kpps"), 200, 3,
                TrafficPattern.BURST, 4, 0, 10)));
        sim.advance(SECOND);
        assertEquals(10, sim.host("a").txFrames());
        assertEquals(10, sim.host("b").rxFrames());
        assertEquals(0, sim.host("b").lostFrames());
        sim.advance(10 * SECOND);
        assertEquals(10, sim.host("b").rxFrames(), "the source has ended");
    }

    @Test
    void aCountHoldsWhenTheSourceWaitsForItsLink() {
        sim = twoHosts(1);
        // 5 Gb/s offered on a 1 Gb/s link: the source waits for room (resume), and still ends at the count.
        sim.run(() -> sim.net.startTraffic("a", new TrafficSpec("b", Rate.parse("5Gbps"), 1000, 1,
                TrafficPattern.CBR, 1, 0, 2_000)));
        sim.advance(SECOND);
        assertEquals(2_000, sim.host("a").txFrames());
        assertEquals(2_000, sim.host("b").rxFrames());
        assertEquals(0, sim.host("a").txDropsQueueFull());
        sim.advance(SECOND);
        assertEquals(2_000, sim.host("b").rxFrames(), "the source has ended");
    }

    @Test
    void aNegativeCountIsRefused() {
        sim = twoHosts(1);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> sim.run(() -> sim.net.startTraffic("a", new TrafficSpec("b",
                        Rate.parse("1kpps"), 200, 1, TrafficPattern.CBR, 1, 0, -1))));
        assertTrue(refused.getMessage().contains("-1"), refused.getMessage());
        sim.advance(SECOND);
        assertEquals(0, sim.host("a").txFrames());
    }

    private long poissonFrames(long seed) {
        try (SimHarness run = twoHosts(seed)) {
            run.run(() -> run.net.startTraffic("a", spec(Rate.parse("10kpps"), 200, 1, TrafficPattern.POISSON, 1)));
            run.advance(SECOND);
            return run.host("b").rxFrames();
        }
    }

    @Test
    void poissonGivesTheSameCountForTheSameSeed() {
        long first = poissonFrames(2024);
        assertEquals(first, poissonFrames(2024));
        assertNotEquals(first, poissonFrames(2025));
        assertTrue(Math.abs(first - 10_000) < 400, "mean rate 10 kpps, got " + first + " in a second");
    }

    @Test
    void burstsLeaveBackToBackAndKeepTheAverageRate() {
        sim = twoHosts(1);
        // 10 kpps in bursts of 10: ten 1000-byte frames at line rate (8,160 ns each at 1 Gb/s) every millisecond.
        sim.run(() -> sim.net.startTraffic("a", spec(Rate.parse("10kpps"), 1000, 1, TrafficPattern.BURST, 10)));
        sim.advance(100 * MICROS);
        assertEquals(10, sim.host("b").rxFrames(), "the whole burst arrived within 100 us");
        sim.advance(800 * MICROS);
        assertEquals(10, sim.host("b").rxFrames(), "then silence until the next burst");
        sim.advance(200 * MICROS);
        assertEquals(20, sim.host("b").rxFrames());
        sim.advance(SECOND - 1100 * MICROS);
        assertEquals(10_000, sim.host("b").rxFrames());
    }
}
