package org.nicmanager.sim.network.model;

import java.util.List;

/** What an external host received (COMMANDS.md, {@code hw:host stats}). */
public record HostStats(String name, long rxFrames, long rxBytes, long lostFrames, long reorderedFrames,
        List<FlowStats> flows) {

    /** Per flow, from the sequence numbers of its stamps: lost = gaps, reordered = arrivals below the highest seen. */
    public record FlowStats(int id, long rxFrames, long lostFrames, long reorderedFrames) {
    }
}
