package org.nicmanager.vmm.devices;

import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.GuestReceiver;
import org.nicmanager.lib.frames.FlowStampLocator;
import org.nicmanager.lib.frames.FlowTracker;

/**
 * A guest's receive side: the driver that takes the frames of every virtual NIC of one VM when their receive interrupt
 * is serviced, counts them, and counts stamped test traffic per sender and flow (loss and reordering), as an external
 * host does. Then it releases the buffer. Runs on the world thread; nothing is allocated per frame.
 */
final class GuestFlowCounter implements GuestReceiver {

    private final String vm;
    private final FlowStampLocator stamps = new FlowStampLocator();
    private final FlowTracker flows = new FlowTracker();
    private long rxFrames;
    private long rxBytes;

    GuestFlowCounter(String vm) {
        this.vm = vm;
    }

    @Override
    public void received(FrameBuffer frame) {
        rxFrames++;
        rxBytes += frame.length();
        int stamp = stamps.find(frame);
        if (stamp != FlowStampLocator.NONE) {
            flows.record(frame.data(), stamp);
        }
        frame.release();
    }

    /** @param rxDropsQueueFull what the VM's virtual NICs dropped before the guest saw it, for the report */
    GuestStats stats(long rxDropsQueueFull) {
        List<GuestStats.FlowStats> perFlow = flows.flows().stream().map(GuestStats.FlowStats::of).toList();
        return new GuestStats(vm, rxFrames, rxBytes, flows.lostFrames(), flows.reorderedFrames(), perFlow,
                flows.untrackedFrames(), rxDropsQueueFull);
    }
}
