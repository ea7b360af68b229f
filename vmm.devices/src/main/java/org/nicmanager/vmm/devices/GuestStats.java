package org.nicmanager.vmm.devices;

import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.frames.FlowTracker;

/**
 * {@code guest:stats}: what a VM's guest received over all its virtual NICs, in the shape of {@code hw:host stats}
 * (COMMANDS.md). Public so that the shell can print it.
 *
 * @param rxFrames frames the guest took from its virtual NICs, stamped or not
 * @param rxBytes their bytes, as the kernel holds frames (no preamble, FCS or gap)
 * @param lostFrames sum over flows of frames missing from the sequence (a late arrival takes itself back off)
 * @param reorderedFrames sum over flows of frames that arrived below the highest sequence already seen
 * @param untrackedFlowFrames stamped frames of flows beyond the tracker's limit, counted only in the totals
 * @param rxDropsQueueFull frames the VM's virtual NICs dropped because a receive queue was full (they show as lost)
 */
public record GuestStats(String name, long rxFrames, long rxBytes, long lostFrames, long reorderedFrames,
        List<FlowStats> flows, long untrackedFlowFrames, long rxDropsQueueFull) {

    public GuestStats {
        flows = List.copyOf(flows);
    }

    /**
     * Per flow, from the sequence numbers of its stamps: lost = gaps, reordered = arrivals below the highest seen.
     * Every sender numbers its flows from 0, so a flow is its sender's MAC and the stamp's flow id.
     */
    public record FlowStats(String sender, int id, long rxFrames, long lostFrames, long reorderedFrames) {

        static FlowStats of(FlowTracker.FlowCounts counts) {
            return new FlowStats(MacAddress.format(counts.sender()), counts.id(), counts.rxFrames(),
                    counts.lostFrames(), counts.reorderedFrames());
        }
    }
}
