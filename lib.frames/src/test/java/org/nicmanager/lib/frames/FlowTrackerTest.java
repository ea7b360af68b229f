package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.frames.FlowTracker.FlowCounts;

/** Constructed arrival orders with known answers. */
class FlowTrackerTest {

    private static final long SENDER = 0x02_00_00_00_00_01L;
    private static final long OTHER_SENDER = 0x02_00_00_00_00_02L;

    private final FlowTracker flows = new FlowTracker();

    private void arrive(int flow, long... sequences) {
        for (long sequence : sequences) {
            flows.record(SENDER, flow, sequence);
        }
    }

    private static FlowCounts counts(int flow, long rxFrames, long lostFrames, long reorderedFrames) {
        return new FlowCounts(SENDER, flow, rxFrames, lostFrames, reorderedFrames);
    }

    @Test
    void anUnbrokenSequenceIsNeitherLostNorReordered() {
        arrive(0, 0, 1, 2, 3, 4);
        assertEquals(List.of(counts(0, 5, 0, 0)), flows.flows());
    }

    @Test
    void gapsCountAsLost() {
        arrive(1, 0, 1, 4, 5, 9); // 2, 3, 6, 7, 8 never came
        assertEquals(List.of(counts(1, 5, 5, 0)), flows.flows());
        assertEquals(5, flows.lostFrames());
    }

    @Test
    void aLateFrameIsReorderedAndNoLongerLost() {
        arrive(2, 0, 2, 1, 3); // 1 overtaken by 2: one reordered, nothing lost in the end
        assertEquals(List.of(counts(2, 4, 0, 1)), flows.flows());
    }

    @Test
    void lossAndReorderingTogether() {
        arrive(3, 0, 3, 1, 5, 4); // 2 lost; 1 and 4 late
        assertEquals(List.of(counts(3, 5, 1, 2)), flows.flows());
        assertEquals(1, flows.lostFrames());
        assertEquals(2, flows.reorderedFrames());
    }

    @Test
    void aFlowWhoseFirstFramesAreLostCountsThem() {
        arrive(4, 3, 4);
        assertEquals(List.of(counts(4, 2, 3, 0)), flows.flows());
    }

    @Test
    void aDuplicateIsNeitherLostNorReordered() {
        arrive(5, 0, 1, 1);
        assertEquals(List.of(counts(5, 3, 0, 0)), flows.flows());
    }

    @Test
    void flowsAreCountedApartAndListedById() {
        arrive(9, 0, 2);
        arrive(-1, 0);
        arrive(0, 1, 0);
        assertEquals(List.of(counts(-1, 1, 0, 0), counts(0, 2, 0, 1), counts(9, 2, 1, 0)), flows.flows());
        assertEquals(5, flows.trackedFrames());
    }

    @Test
    void twoSendersUsingTheSameFlowIdAreTwoFlowsWithoutFalseLossOrReordering() {
        // The first sender is three frames ahead when the second starts its own flow 0 from sequence 0.
        long[][] arrivals = {{SENDER, 0}, {SENDER, 1}, {SENDER, 2}, {OTHER_SENDER, 0}, {SENDER, 3},
            {OTHER_SENDER, 1}, {SENDER, 4}, {OTHER_SENDER, 2}};
        for (long[] arrival : arrivals) {
            flows.record(arrival[0], 0, arrival[1]);
        }
        assertEquals(List.of(new FlowCounts(SENDER, 0, 5, 0, 0), new FlowCounts(OTHER_SENDER, 0, 3, 0, 0)),
                flows.flows());
        assertEquals(0, flows.lostFrames());
        assertEquals(0, flows.reorderedFrames());
    }

    @Test
    void oneSendersReorderingIsStillDetectedBesideAnotherSendersFlow() {
        flows.record(SENDER, 7, 0);
        flows.record(OTHER_SENDER, 7, 0);
        flows.record(SENDER, 7, 2);
        flows.record(OTHER_SENDER, 7, 1);
        flows.record(SENDER, 7, 1); // overtaken by 2, and by the other sender's 1, which is no excuse
        flows.record(OTHER_SENDER, 7, 2);
        assertEquals(List.of(new FlowCounts(SENDER, 7, 3, 0, 1), new FlowCounts(OTHER_SENDER, 7, 3, 0, 0)),
                flows.flows());
    }

    @Test
    void flowsAreListedBySenderThenIdAndAZeroMacIsASender() {
        flows.record(OTHER_SENDER, 0, 0);
        flows.record(SENDER, 1, 0);
        flows.record(0, 0, 0);
        flows.record(SENDER, 0, 0);
        assertEquals(List.of(new FlowCounts(0, 0, 1, 0, 0), new FlowCounts(SENDER, 0, 1, 0, 0),
                new FlowCounts(SENDER, 1, 1, 0, 0), new FlowCounts(OTHER_SENDER, 0, 1, 0, 0)), flows.flows());
    }

    @Test
    void growsPastItsFirstSizeKeepingEveryFlow() {
        for (int flow = 0; flow < 1_000; flow++) {
            flows.record(SENDER, flow * 7919, 0);
            flows.record(SENDER, flow * 7919, 2);
            flows.record(OTHER_SENDER + flow, 0, 0);
        }
        List<FlowCounts> snapshot = flows.flows();
        assertEquals(2_000, snapshot.size());
        assertEquals(1_000, flows.lostFrames());
        assertEquals(counts(7919, 2, 1, 0), snapshot.get(1));
        assertEquals(new FlowCounts(OTHER_SENDER + 999, 0, 1, 0, 0), snapshot.get(1_999));
    }

    @Test
    void flowsBeyondTheLimitAreCountedAsUntracked() {
        FlowTracker small = new FlowTracker(100);
        for (int flow = 0; flow < 110; flow++) {
            small.record(SENDER, flow, 0);
        }
        small.record(SENDER, 5, 1); // a known flow still counts
        small.record(OTHER_SENDER, 5, 0); // another sender's flow 5 is a new flow
        assertEquals(100, small.flowCount());
        assertEquals(11, small.untrackedFrames());
        assertEquals(101, small.trackedFrames());
    }

    @Test
    void aStampIsCountedInTheFlowOfTheFramesSourceMac() {
        byte[] data = new byte[100];
        FlowStampLocator locator = new FlowStampLocator();
        FrameWriter.udpFrame(data, 100, 1, SENDER, 3, 4, 5, 6, 77, 0);
        flows.record(data, locator.find(data, 100));
        FrameWriter.udpFrame(data, 100, 1, OTHER_SENDER, 3, 4, 5, 6, 77, 0);
        flows.record(data, locator.find(data, 100));
        FrameWriter.udpFrame(data, 100, 1, SENDER, 3, 4, 5, 6, 77, 2);
        flows.record(data, locator.find(data, 100));
        assertEquals(List.of(counts(77, 2, 1, 0), new FlowCounts(OTHER_SENDER, 77, 1, 0, 0)), flows.flows());
    }

    @Test
    void aBadLimitIsRefusedByValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new FlowTracker(0));
        assertTrue(refused.getMessage().contains("not 0"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlowTracker(FlowTracker.MAX_FLOWS_LIMIT + 1));
    }
}
