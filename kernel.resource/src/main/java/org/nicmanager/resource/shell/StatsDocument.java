package org.nicmanager.resource.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.VmUsage;

/**
 * {@code net:stats --json} (COMMANDS.md): {@code {"now","windowNs","capacityBps","vms":[{"name","offeredBps",
 * "throughputBps","shareOfCapacity","sentFrames","queuedFrames","dropped":{"REASON":count},"virtualTime"}]}}, plus
 * each VM's uplink and the uplinks themselves. Rates count bits on the wire; {@code capacityBps} is the sum over the
 * uplinks and a VM's share is of its own uplink's capacity.
 */
public record StatsDocument(long now, long windowNs, long capacityBps, List<Uplink> uplinks, List<Vm> vms) {

    public record Uplink(String name, long capacityBps, List<String> nics) {
    }

    /** @param windowNs the window actually measured for this VM (what history allowed) */
    public record Vm(String name, String uplink, long offeredBps, long throughputBps, double shareOfCapacity,
            long offeredFrames, long sentFrames, long queuedFrames, long queuedBytes, Map<String, Long> dropped,
            long droppedFrames, double virtualTime, int shares, int priority, long reservationBps,
            boolean reservationHolds, long windowNs) {
    }

    static StatsDocument of(long windowNanos, List<UplinkUsage> usage) {
        long now = 0;
        long capacity = 0;
        List<Uplink> uplinks = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        for (UplinkUsage uplink : usage) {
            now = Math.max(now, uplink.nowNanos());
            capacity += uplink.capacityBps();
            uplinks.add(new Uplink(uplink.uplink(), uplink.capacityBps(), uplink.nics()));
            for (VmUsage vm : uplink.vms()) {
                double share = uplink.capacityBps() == 0 ? 0 : vm.throughputBps() / (double) uplink.capacityBps();
                long dropped = vm.dropped().values().stream().mapToLong(Long::longValue).sum();
                vms.add(new Vm(vm.vm(), vm.uplink(), vm.offeredBps(), vm.throughputBps(), share, vm.offeredFrames(),
                        vm.sentFrames(), vm.queuedFrames(), vm.queuedBytes(), vm.dropped(), dropped, vm.virtualTime(),
                        vm.shares(), vm.priority(), vm.reservationBps(), vm.reservationHolds(), vm.windowNanos()));
            }
        }
        return new StatsDocument(now, windowNanos, capacity, uplinks, vms);
    }
}
