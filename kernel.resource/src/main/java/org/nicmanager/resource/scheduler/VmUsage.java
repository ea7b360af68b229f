package org.nicmanager.resource.scheduler;

import java.util.Map;

/**
 * One VM on one uplink: its allocation in force, what it offered, sent, queued and had dropped (frames, and wire bytes
 * where named), its throughput over a window, and its virtual time in consumption units per share.
 *
 * @param reservationHolds false when its reservation is configured but broken at the current capacity
 * @param dropped frames dropped, by reason
 * @param windowNanos the window the rates were measured over (what history allowed, at least the one asked for)
 */
public record VmUsage(String vm, String uplink, boolean connected, int priority, int shares, long reservationBps,
        boolean reservationHolds, long limitBps, long averageBps, long offeredFrames, long offeredWireBytes,
        long sentFrames, long sentWireBytes, int queuedFrames, long queuedBytes, long queuedTotal,
        Map<String, Long> dropped, double virtualTime, long windowNanos, long offeredBps, long throughputBps) {
}
