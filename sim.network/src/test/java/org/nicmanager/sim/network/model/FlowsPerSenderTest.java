package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;
import static org.nicmanager.sim.network.model.SimHarness.SECOND;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;

/**
 * Two hosts' {@code hw:traffic} to one receiver: both number their flows from 0, and the receiver tells them apart by
 * sender, so neither source's sequences count as the other's loss or reordering.
 */
class FlowsPerSenderTest {

    private final SimHarness sim = new SimHarness();

    @AfterEach
    void close() {
        sim.close();
    }

    /** 1000 frames a second in two flows, for one second. */
    private void startTwoFlows(String host) {
        sim.run(() -> sim.net.startTraffic(host, new TrafficSpec("rx", Rate.parse("1kpps"), 500, 2, TrafficPattern.CBR,
                1, SECOND)));
    }

    @Test
    void twoSendersWithTheSameFlowIdsAreCountedApart() {
        sim.run(() -> {
            sim.net.addSwitch("sw", 4);
            sim.net.addHost("tx1", "sw", 0x02_00_00_00_01_01L, 0, 0);
            sim.net.addHost("tx2", "sw", 0x02_00_00_00_01_02L, 0, 0);
            sim.net.addHost("rx", "sw", -1, 0, 0);
        });
        startTwoFlows("tx1");
        sim.advance(100 * MILLIS); // tx1's flows are 50 frames ahead when tx2's start from sequence 0
        startTwoFlows("tx2");
        sim.advance(2 * SECOND);

        HostStats stats = sim.host("rx");
        assertEquals(2000, stats.rxFrames());
        assertEquals(0, stats.lostFrames(), stats.toString());
        assertEquals(0, stats.reorderedFrames(), stats.toString());
        assertEquals(List.of(new HostStats.FlowStats("02:00:00:00:01:01", 0, 500, 0, 0),
                new HostStats.FlowStats("02:00:00:00:01:01", 1, 500, 0, 0),
                new HostStats.FlowStats("02:00:00:00:01:02", 0, 500, 0, 0),
                new HostStats.FlowStats("02:00:00:00:01:02", 1, 500, 0, 0)), stats.flows());
    }
}
