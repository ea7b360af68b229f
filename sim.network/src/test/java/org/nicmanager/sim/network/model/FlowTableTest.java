package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FlowTableTest {

    @Test
    void aDuplicateIsNeitherLostNorReordered() {
        FlowTable flows = new FlowTable();
        flows.record(5, 0);
        flows.record(5, 1);
        flows.record(5, 1);
        assertEquals(List.of(new HostStats.FlowStats(5, 3, 0, 0)), flows.snapshot());
    }

    @Test
    void growsPastItsFirstSizeKeepingEveryFlow() {
        FlowTable flows = new FlowTable();
        for (int flow = 0; flow < 1_000; flow++) {
            flows.record(flow * 7919, 0);
            flows.record(flow * 7919, 2);
        }
        List<HostStats.FlowStats> snapshot = flows.snapshot();
        assertEquals(1_000, snapshot.size());
        assertEquals(1_000, flows.lostFrames());
        assertEquals(new HostStats.FlowStats(7919, 2, 1, 0), snapshot.get(1));
    }

    @Test
    void flowsBeyondTheLimitAreCountedAsUntracked() {
        FlowTable flows = new FlowTable();
        for (int flow = 0; flow < FlowTable.MAX_FLOWS + 10; flow++) {
            flows.record(flow, 0);
        }
        assertEquals(FlowTable.MAX_FLOWS, flows.snapshot().size());
        assertEquals(10, flows.untrackedFrames());
    }
}
