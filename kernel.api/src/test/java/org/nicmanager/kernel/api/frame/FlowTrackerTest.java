package org.nicmanager.kernel.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FlowTracker.FlowCounts;

/** Constructed arrival orders with known answers. */
class FlowTrackerTest {

    private final FlowTracker flows = new FlowTracker();

    private void arrive(int flow, long... sequences) {
        for (long sequence : sequences) {
            flows.record(flow, sequence);
        }
    }

    @Test
    void anUnbrokenSequenceIsNeitherLostNorReordered() {
        arrive(0, 0, 1, 2, 3, 4);
        assertEquals(List.of(new FlowCounts(0, 5, 0, 0)), flows.flows());
    }

    @Test
    void gapsCountAsLost() {
        arrive(1, 0, 1, 4, 5, 9); // 2, 3, 6, 7, 8 never came
        assertEquals(List.of(new FlowCounts(1, 5, 5, 0)), flows.flows());
        assertEquals(5, flows.lostFrames());
    }

    @Test
    void aLateFrameIsReorderedAndNoLongerLost() {
        arrive(2, 0, 2, 1, 3); // 1 overtaken by 2: one reordered, nothing lost in the end
        assertEquals(List.of(new FlowCounts(2, 4, 0, 1)), flows.flows());
    }

    @Test
    void lossAndReorderingTogether() {
        arrive(3, 0, 3, 1, 5, 4); // 2 lost; 1 and 4 late
        assertEquals(List.of(new FlowCounts(3, 5, 1, 2)), flows.flows());
        assertEquals(1, flows.lostFrames());
        assertEquals(2, flows.reorderedFrames());
    }

    @Test
    void aFlowWhoseFirstFramesAreLostCountsThem() {
        arrive(4, 3, 4);
        assertEquals(List.of(new FlowCounts(4, 2, 3, 0)), flows.flows());
    }

    @Test
    void aDuplicateIsNeitherLostNorReordered() {
        arrive(5, 0, 1, 1);
        assertEquals(List.of(new FlowCounts(5, 3, 0, 0)), flows.flows());
    }

    @Test
    void flowsAreCountedApartAndListedById() {
        arrive(9, 0, 2);
        arrive(-1, 0);
        arrive(0, 1, 0);
        assertEquals(List.of(new FlowCounts(-1, 1, 0, 0), new FlowCounts(0, 2, 0, 1), new FlowCounts(9, 2, 1, 0)),
                flows.flows());
        assertEquals(5, flows.trackedFrames());
    }

    @Test
    void growsPastItsFirstSizeKeepingEveryFlow() {
        for (int flow = 0; flow < 1_000; flow++) {
            flows.record(flow * 7919, 0);
            flows.record(flow * 7919, 2);
        }
        List<FlowCounts> snapshot = flows.flows();
        assertEquals(1_000, snapshot.size());
        assertEquals(1_000, flows.lostFrames());
        assertEquals(new FlowCounts(7919, 2, 1, 0), snapshot.get(1));
    }

    @Test
    void flowsBeyondTheLimitAreCountedAsUntracked() {
        FlowTracker small = new FlowTracker(100);
        for (int flow = 0; flow < 110; flow++) {
            small.record(flow, 0);
        }
        small.record(5, 1); // a known flow still counts
        assertEquals(100, small.flowCount());
        assertEquals(10, small.untrackedFrames());
        assertEquals(101, small.trackedFrames());
    }

    @Test
    void aStampIsReadFromTheFrame() {
        byte[] data = new byte[100];
        FrameWriter.udpFrame(data, 100, 1, 2, 3, 4, 5, 6, 77, 0);
        FlowStampLocator locator = new FlowStampLocator();
        flows.record(data, locator.find(data, 100));
        FrameWriter.udpFrame(data, 100, 1, 2, 3, 4, 5, 6, 77, 2);
        flows.record(data, locator.find(data, 100));
        assertEquals(List.of(new FlowCounts(77, 2, 1, 0)), flows.flows());
    }

    @Test
    void aBadLimitIsRefusedByValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new FlowTracker(0));
        assertTrue(refused.getMessage().contains("not 0"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlowTracker(FlowTracker.MAX_FLOWS_LIMIT + 1));
    }
}
