package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.time.KernelScheduler;

/**
 * What the parts of one uplink's scheduler share: the frame path ({@link UplinkFrameScheduler}), the gates' timer
 * ({@link GatePlacement}), the control path ({@link UplinkControl}) and the reports ({@link UplinkReports},
 * {@link StarvationWatch}). All of it is owned by the world thread.
 */
final class UplinkState {

    final String uplink;
    final UplinkPort port;
    final KernelScheduler clock;
    final VmTable table = new VmTable();
    final ServiceOrder order = new ServiceOrder(table);
    final ShareClock shareClock;
    final ThroughputHistory history;
    final FrameSlab slab = new FrameSlab();
    /** What the uplink carries now ([0116]), as last told by {@link UplinkPort#capacityBps()}. */
    long capacityBps;
    /** The bound of each VM's queue, from the settings. */
    int queueLimitFrames;
    /** Frames from ports no VM connected: sent when nothing else waits, else dropped. */
    long unattributedSent;
    long unattributedDropped;
    /** Frames of ports no VM connects now that left on the wire (sent before their virtual NIC left, say). */
    long unattributedDelivered;

    UplinkState(String uplink, UplinkPort port, KernelScheduler clock, long lagBoundUnits) {
        this.uplink = uplink;
        this.port = port;
        this.clock = clock;
        this.shareClock = new ShareClock(lagBoundUnits);
        this.history = new ThroughputHistory(clock.nanoTime());
        this.capacityBps = port.capacityBps();
    }

    /** What the uplink carries by its policy with every member up and selected: what reservations are admitted to. */
    long admissibleCapacityBps() {
        return port.admissibleCapacityBps();
    }
}
