package org.nicmanager.resource.scheduler;

import java.util.Map;

/**
 * One VM on one uplink: its allocation in force, what it offered, sent, queued and had dropped (frames, and wire bytes
 * where named), its throughput over a window, and its virtual time in consumption units per share.
 *
 * @param reservationHolds false when its reservation is configured but broken at the current capacity
 * @param sentFrames frames this scheduler let go to the uplink: since delivered, dropped downstream, or still in it
 * @param dropped frames this scheduler dropped, by reason
 * @param deliveredFrames of the frames sent, those whose last bit left a NIC
 * @param droppedDownstream of the frames sent, those dropped downstream (bond, NIC, pulled cable), by reason; only the
 *        reasons that occurred
 * @param windowNanos the window the rates were measured over (what history allowed, at least the one asked for)
 * @param guarantee whether its reservation holds at what the uplink carries now; {@code null} without a reservation
 *        or while the VM is not connected here
 * @param uplinkCapacityBps what the uplink carries now, which a broken reservation does not fit
 * @param starvedNanos kernel time in all that the VM had a frame ready while a VM of higher priority had one too, so
 *        that precedence served the other first ([0117]); meanwhile only its reservation and the interval floor
 *        served it
 */
public record VmUsage(String vm, String uplink, boolean connected, int priority, int shares, long reservationBps,
        boolean reservationHolds, long limitBps, long averageBps, long offeredFrames, long offeredWireBytes,
        long sentFrames, long sentWireBytes, int queuedFrames, long queuedBytes, long queuedTotal,
        Map<String, Long> dropped, double virtualTime, long windowNanos, long offeredBps, long throughputBps,
        long deliveredFrames, Map<String, Long> droppedDownstream, Guarantee guarantee, long uplinkCapacityBps,
        long starvedNanos) {

    /**
     * A reservation admitted (it fits the uplink with every member up and selected) either holds at what the uplink
     * carries now, or is broken until it does ([0116]; GUARANTEE_BROKEN, GUARANTEE_RESTORED).
     */
    public enum Guarantee {
        HOLDS, BROKEN
    }

    /** Frames sent that are neither delivered nor dropped yet: in the bond's backlog or on a NIC's ring. */
    public long inUplinkFrames() {
        return sentFrames - deliveredFrames - droppedDownstream.values().stream().mapToLong(Long::longValue).sum();
    }
}
