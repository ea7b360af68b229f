package org.nicmanager.resource;

import java.util.List;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.resource.allocation.AllocationRules;
import org.nicmanager.resource.allocation.StoredAllocation;
import org.nicmanager.resource.scheduler.VmUsage;

/**
 * A VM's allocation as {@code net:alloc} and {@code net:show} print it: rates in bits per second (on the wire), sizes
 * in bytes, times in nanoseconds; 0 means none. {@code peakGateBps} is the rate the peak gate really keeps (the peak
 * less one maximum frame per peak period, so that no peak period carries more than the peak).
 */
public record AllocationView(String vm, int shares, long reservationBps, long limitBps, long averageBps, long peakBps,
        long peakGateBps, long burstBytes, long peakPeriodNanos, int priority, boolean priorityFromVm,
        boolean configured, long revision, List<VmUsage> uplinks) {

    static AllocationView of(String vm, NetworkAllocation allocation, StoredAllocation stored, List<VmUsage> uplinks) {
        long gate = allocation.peakBps() == 0 ? 0
                : AllocationRules.peakGateBps(allocation.peakBps(), allocation.peakPeriodNanos());
        return new AllocationView(vm, allocation.shares(), allocation.reservationBps(), allocation.limitBps(),
                allocation.averageBps(), allocation.peakBps(), gate, allocation.burstBytes(),
                allocation.peakPeriodNanos(), allocation.priority(), stored == null || !stored.priorityGiven(),
                stored != null, stored == null ? 0 : stored.revision(), uplinks);
    }
}
