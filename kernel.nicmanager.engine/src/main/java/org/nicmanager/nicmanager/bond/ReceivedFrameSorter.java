package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * Sorts the frames a bond's members receive: the bond's own (LACPDUs, the ARP monitor's answers and probes) stay in
 * the bond, frames on a member that is not collecting are dropped, and the rest go to the inbound receiver; group
 * frames are taken from one member only ([0064]).
 *
 * <p>Frame path, on the network world's thread: no locks, no allocation, no logging.
 */
final class ReceivedFrameSorter {

    private final BondMembers members;
    private final BondCounters counters;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private Bond.InboundFrames inbound;

    ReceivedFrameSorter(BondMembers members, BondCounters counters, BondAggregation aggregation, ArpMonitor monitor) {
        this.members = members;
        this.counters = counters;
        this.aggregation = aggregation;
        this.monitor = monitor;
    }

    /** Frames received by members go here; without a receiver they are counted and released. */
    void setInbound(Bond.InboundFrames receiver) {
        this.inbound = receiver;
    }

    /** Member {@code slot} received a frame; ownership passes to the bond. */
    void received(int slot, FrameBuffer frame) {
        if (members.state(slot) == MemberState.REMOVED) {
            frame.release(); // a vanished member's last words: not the VMs' business
            return;
        }
        counters.receivedFrames[slot]++;
        if (aggregation.takeSlowProtocolFrame(slot, frame)) {
            return; // LACPDUs and their kin are the bond's own, never a VM's
        }
        if (monitor.takeOwnFrame(slot, frame)) {
            return; // the ARP monitor's: an answer to a probe, or a probe flooded back into the bond
        }
        if (!members.collecting(slot)) {
            counters.droppedNotCollecting++;
            frame.release();
            return;
        }
        Bond.InboundFrames receiver = inbound;
        if (receiver != null) {
            receiver.received(slot, frame);
        } else {
            frame.release();
        }
    }

    /**
     * Broadcast and multicast frames are accepted from one member only, the first active one, so that a frame the
     * switch floods to every member reaches the VMs once ([0064]).
     */
    boolean acceptsGroupFrames(int slot) {
        if (aggregation.aggregated()) {
            return members.collecting(slot); // the switch sends a group frame down one link of the aggregate
        }
        return members.activeCount() > 0 && members.active(0) == slot;
    }
}
