package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;

/**
 * After set-up no frame costs an allocation: a card saturating a switch port, an echoing host and a multi-flow
 * Poisson source run for a while, and the world thread allocates only what advancing itself costs. The same holds for
 * a host answering ARP requests.
 */
class SteadyStateAllocationTest {

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void framesDoNotAllocate() {
        try (SimHarness sim = new SimHarness()) {
            TestDriver card = sim.call(() -> {
                sim.net.addSwitch("sw", 8);
                sim.net.addHost("sink", "sw", -1, 0, 0);
                sim.net.addHost("echo", "sw", -1, 0, 0);
                sim.net.addHost("source", "sw", -1, 0, 0);
                sim.net.setEcho("echo", true);
                return new TestDriver(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 1024);
            });
            long sink = sim.macOf("sink");
            sim.run(() -> {
                card.saturate(sink, 60);
                sim.net.startTraffic("source", new TrafficSpec("echo", Rate.parse("300Mbps"), 200, 16,
                        TrafficPattern.POISSON, 1, 0));
            });
            sim.advance(20 * MILLIS); // warm up: flows seen, code compiled
            long framesBefore = sim.host("sink").rxFrames() + sim.host("source").rxFrames();
            long before = sim.call(SteadyStateAllocationTest::allocatedByThisThread);
            sim.advance(20 * MILLIS);
            long allocated = sim.call(SteadyStateAllocationTest::allocatedByThisThread) - before;
            long frames = sim.host("sink").rxFrames() + sim.host("source").rxFrames() - framesBefore;
            assertTrue(frames > 30_000, frames + " frames");
            // The advance itself (posted action, report, the calls around it) costs a few hundred bytes.
            assertTrue(allocated < 4_096, allocated + " bytes allocated for " + frames + " frames");
        }
    }

    /** A host answering a card that keeps its ring full of ARP requests, as a busy ARP monitor would. */
    @Test
    void arpAnswersDoNotAllocate() {
        try (SimHarness sim = new SimHarness()) {
            int hostIp = 0x0A00_0007;
            ArpAsker asker = sim.call(() -> {
                sim.net.addSwitch("sw", 4);
                sim.net.addHost("target", "sw", -1, hostIp, 0);
                return new ArpAsker(sim.net.createCard("nic0", CardLineRateTest.E1000, "sw"), 1024);
            });
            sim.run(() -> asker.saturate(hostIp));
            sim.advance(20 * MILLIS); // warm up
            long repliesBefore = sim.call(() -> asker.arpReceived);
            long before = sim.call(SteadyStateAllocationTest::allocatedByThisThread);
            sim.advance(20 * MILLIS);
            long allocated = sim.call(SteadyStateAllocationTest::allocatedByThisThread) - before;
            long replies = sim.call(() -> asker.arpReceived) - repliesBefore;
            assertTrue(replies > 20_000, replies + " replies");
            assertTrue(sim.host("target").arpReplies() >= sim.call(() -> asker.arpReceived),
                    "the replies are the host's");
            assertTrue(allocated < 4_096, allocated + " bytes allocated for " + replies + " ARP replies");
        }
    }
}
