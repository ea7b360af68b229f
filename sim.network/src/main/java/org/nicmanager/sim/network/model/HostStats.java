package org.nicmanager.sim.network.model;

import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.frames.FlowTracker;

/**
 * What an external host received and sent (COMMANDS.md, {@code hw:host stats}). Bytes count frames as the kernel holds
 * them (no preamble, padding, FCS or gap).
 *
 * @param lostFrames sum over flows of frames missing from the sequence (a late arrival takes itself back off)
 * @param reorderedFrames sum over flows of frames that arrived below the highest sequence already seen
 * @param rxDropsNotForUs unicast frames for another MAC (flooded to this host), dropped as a real NIC does
 * @param untrackedFlowFrames stamped frames of flows beyond the per-host flow table, counted only in the totals
 * @param txFrames frames that left the host's wire (traffic and echoes)
 * @param txQueuedFrames frames waiting on the host's link now
 * @param txDropsQueueFull echoes and ARP replies dropped because the host's send queue was full
 * @param txDropsLinkDown frames not sent, or flushed from the send queue, because the host's link was down
 * @param txDropsNoBuffer frames a source could not build because the world's frame pool was exhausted (and ARP
 *        requests in a buffer too short for the reply, which only an unpooled test buffer can be)
 * @param echoedFrames frames sent back by the echo
 * @param arpReplies ARP replies sent to requests for the host's IPv4 address (last, so that JSON readers of the
 *        earlier fields are not disturbed)
 */
public record HostStats(String name, long rxFrames, long rxBytes, long lostFrames, long reorderedFrames,
        List<FlowStats> flows, long rxDropsNotForUs, long untrackedFlowFrames, long txFrames, long txBytes,
        long txQueuedFrames, long txDropsQueueFull, long txDropsLinkDown, long txDropsNoBuffer, long echoedFrames,
        long arpReplies) {

    public HostStats {
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
