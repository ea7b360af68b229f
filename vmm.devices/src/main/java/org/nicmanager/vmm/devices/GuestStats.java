package org.nicmanager.vmm.devices;

import java.util.List;

import org.nicmanager.kernel.api.frame.FlowTracker;

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
        List<FlowTracker.FlowCounts> flows, long untrackedFlowFrames, long rxDropsQueueFull) {

    public GuestStats {
        flows = List.copyOf(flows);
    }
}
