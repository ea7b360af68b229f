package org.nicmanager.resource.shell;

import java.util.List;

import org.nicmanager.lib.units.ByteSize;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.resource.AllocationView;
import org.nicmanager.resource.scheduler.VmUsage;

/** A VM's allocation for people; "-" for none. Its uplinks as rows. */
public record AllocationTable(String vm, int shares, String reservation, String limit, String average, String peak,
        String burst, String peakPeriod, String priority, boolean configured, List<Uplink> uplinks) {

    /** @param guarantee "-" without a reservation, else HOLDS or BROKEN with what the uplink carries now */
    public record Uplink(String uplink, boolean connected, String guarantee, String throughput, long sent,
            long queued, long dropped, double virtualTime) {
    }

    static AllocationTable of(AllocationView view) {
        List<Uplink> uplinks = view.uplinks().stream().map(usage -> new Uplink(usage.uplink(), usage.connected(),
                guarantee(usage),
                StatsTable.rate(usage.throughputBps()), usage.sentFrames(), usage.queuedFrames(),
                usage.dropped().values().stream().mapToLong(Long::longValue).sum(), usage.virtualTime())).toList();
        return new AllocationTable(view.vm(), view.shares(), rateOrNone(view.reservationBps()),
                rateOrNone(view.limitBps()), rateOrNone(view.averageBps()), rateOrNone(view.peakBps()),
                view.burstBytes() == 0 ? "-" : new ByteSize(view.burstBytes()).toString(),
                view.peakPeriodNanos() == 0 ? "-" : TimeSpan.format(view.peakPeriodNanos()),
                view.priority() + (view.priorityFromVm() ? " (the VM's)" : ""), view.configured(), uplinks);
    }

    private static String guarantee(VmUsage usage) {
        if (usage.guarantee() == null) {
            return "-";
        }
        return usage.guarantee().name() + " (" + usage.uplink() + " carries "
                + StatsTable.rate(usage.uplinkCapacityBps()) + " now)";
    }

    private static String rateOrNone(long bps) {
        return bps == 0 ? "-" : StatsTable.rate(bps);
    }
}
