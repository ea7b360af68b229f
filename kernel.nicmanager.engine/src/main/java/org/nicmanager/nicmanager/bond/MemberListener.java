package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;

/**
 * What a member's NIC tells its bond, handed to the part whose job it is: received frames to the sorter, carrier
 * changes to the failover, room and completions to the transmit path, and frames the NIC hands back to their owner.
 * One per member, so that every callback knows its slot without a search.
 */
final class MemberListener implements NicListener {

    private final int slot;
    private final ReceivedFrameSorter received;
    private final TransmitPath transmit;
    private final FailoverControl failover;
    private final BondAggregation aggregation;
    private final ArpMonitor monitor;
    private final SwitchNotifier notifier;
    private final MacsSeen macs;
    private final BusyWatch busyWatch;
    private final BondCounters counters;

    MemberListener(int slot, ReceivedFrameSorter received, TransmitPath transmit, FailoverControl failover,
            BondAggregation aggregation, ArpMonitor monitor, SwitchNotifier notifier, MacsSeen macs,
            BusyWatch busyWatch, BondCounters counters) {
        this.slot = slot;
        this.received = received;
        this.transmit = transmit;
        this.failover = failover;
        this.aggregation = aggregation;
        this.monitor = monitor;
        this.notifier = notifier;
        this.macs = macs;
        this.busyWatch = busyWatch;
        this.counters = counters;
    }

    @Override
    public void frameReceived(PhysicalNic nic, FrameBuffer frame) {
        received.received(slot, frame);
    }

    @Override
    public void linkStateChanged(PhysicalNic nic, LinkState state) {
        failover.carrierEvent(slot, state);
    }

    @Override
    public void transmitReady(PhysicalNic nic) {
        aggregation.transmitReady(slot); // an LACPDU waiting for room goes before everything
        if (notifier.pending(slot)) {
            notifier.resume(slot, nic, macs); // announcements first: the switches must learn where VMs are
        }
        busyWatch.room(slot);
        transmit.drain();
    }

    /** A VM frame's last bit left the member: it is delivered, as far as this host can know. */
    @Override
    public void transmitCompleted(PhysicalNic nic, FrameBuffer frame) {
        transmit.transmitted(frame);
    }

    /** Zero-loss failover: back in front of the backlog, resent on the survivors at the link event. */
    @Override
    public void transmitAborted(PhysicalNic nic, FrameBuffer frame) {
        if (frame.sourcePort() == SwitchNotifier.ANNOUNCEMENT_PORT) {
            counters.notificationsAborted++; // the failover that follows announces again
            frame.release();
            return;
        }
        if (BondAggregation.isLacpdu(frame)) {
            counters.lacpdusAborted++; // LACP sends a newer one when the link returns
            frame.release();
            return;
        }
        if (frame.sourcePort() == ArpMonitor.PROBE_PORT) {
            monitor.probeHandedBack(frame); // the next round probes again
            return;
        }
        transmit.returned(slot, frame);
    }
}
