package org.nicmanager.resource.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.VmUsage;

/**
 * {@code net:stats --json} (COMMANDS.md): {@code {"now","windowNs","capacityBps","vms":[{"name","offeredBps",
 * "throughputBps","shareOfCapacity","sentFrames","queuedFrames","dropped":{"REASON":count},"virtualTime",
 * "starvedNanos"}]}}, plus
 * each VM's uplink and the uplinks themselves. A VM's drops include those downstream of the resource manager (in the
 * bond, in a NIC, on a pulled cable), so {@code offeredFrames == deliveredFrames + droppedFrames + queuedFrames}. Rates count bits on the wire; {@code capacityBps} is the sum over the
 * uplinks and a VM's share is of its own uplink's capacity.
 */
public record StatsDocument(long now, long windowNs, long capacityBps, List<Uplink> uplinks, List<Vm> vms) {

    /** @param admissibleCapacityBps what it carries with every member up and selected (reservations are admitted to) */
    public record Uplink(String name, long capacityBps, long admissibleCapacityBps, List<String> nics) {
    }

    /**
     * One VM on one uplink. Every frame it offered is accounted for: {@code offeredFrames == deliveredFrames +
     * droppedFrames + queuedFrames}.
     *
     * @param sentFrames frames the resource manager let go to the uplink
     * @param deliveredFrames frames whose last bit left a NIC
     * @param queuedFrames frames waiting on the host: in the VM's queue ({@code schedulerQueuedFrames}) or in the
     *        uplink, in the bond's backlog or on a NIC's ring ({@code uplinkQueuedFrames})
     * @param dropped every drop of its frames by reason: the resource manager's, and those downstream of it
     * @param droppedDownstream the drops in the uplink alone (bond, NIC, pulled cable), by reason
     * @param guarantee HOLDS or BROKEN at the uplink's capacity now; {@code null} without a reservation
     * @param windowNs the window actually measured for this VM (what history allowed)
     * @param starvedNanos kernel time in all that the VM had a frame ready to go while a VM of higher priority had one
     *        too, so that precedence served the other first ([0117]); meanwhile only its reservation and the
     *        per-interval floor served it
     */
    public record Vm(String name, String uplink, long offeredBps, long throughputBps, double shareOfCapacity,
            long offeredFrames, long sentFrames, long deliveredFrames, long queuedFrames, long schedulerQueuedFrames,
            long uplinkQueuedFrames, long queuedBytes, Map<String, Long> dropped, long droppedFrames,
            Map<String, Long> droppedDownstream, double virtualTime, int shares, int priority, long reservationBps,
            boolean reservationHolds, VmUsage.Guarantee guarantee, long windowNs, long starvedNanos) {
    }

    static StatsDocument of(long windowNanos, List<UplinkUsage> usage) {
        long now = 0;
        long capacity = 0;
        List<Uplink> uplinks = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        for (UplinkUsage uplink : usage) {
            now = Math.max(now, uplink.nowNanos());
            capacity += uplink.capacityBps();
            uplinks.add(new Uplink(uplink.uplink(), uplink.capacityBps(), uplink.admissibleCapacityBps(),
                    uplink.nics()));
            for (VmUsage vm : uplink.vms()) {
                double share = uplink.capacityBps() == 0 ? 0 : vm.throughputBps() / (double) uplink.capacityBps();
                Map<String, Long> dropped = new LinkedHashMap<>(vm.dropped());
                vm.droppedDownstream().forEach((reason, count) -> dropped.merge(reason, count, Long::sum));
                long droppedFrames = dropped.values().stream().mapToLong(Long::longValue).sum();
                long inUplink = vm.inUplinkFrames();
                vms.add(new Vm(vm.vm(), vm.uplink(), vm.offeredBps(), vm.throughputBps(), share, vm.offeredFrames(),
                        vm.sentFrames(), vm.deliveredFrames(), vm.queuedFrames() + inUplink, vm.queuedFrames(),
                        inUplink, vm.queuedBytes(), dropped, droppedFrames, vm.droppedDownstream(), vm.virtualTime(),
                        vm.shares(), vm.priority(), vm.reservationBps(), vm.reservationHolds(), vm.guarantee(),
                        vm.windowNanos(), vm.starvedNanos()));
            }
        }
        return new StatsDocument(now, windowNanos, capacity, uplinks, vms);
    }
}
