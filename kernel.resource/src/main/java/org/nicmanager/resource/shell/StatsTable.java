package org.nicmanager.resource.shell;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;

/** {@code net:stats} for people: the same figures as {@link StatsDocument}, rates and times readable. */
public record StatsTable(String now, String window, String capacity, List<Row> vms) {

    public record Row(String name, String uplink, int shares, int priority, String offered, String throughput,
            String share, long sent, long delivered, long queued, String dropped, String virtualTime,
            String guarantee, String starved) {
    }

    static StatsTable of(StatsDocument document) {
        List<Row> rows = document.vms().stream().map(vm -> new Row(vm.name(), vm.uplink(), vm.shares(), vm.priority(),
                rate(vm.offeredBps()), rate(vm.throughputBps()),
                String.format(Locale.ROOT, "%.1f%%", vm.shareOfCapacity() * 100), vm.sentFrames(),
                vm.deliveredFrames(), vm.queuedFrames(), dropped(vm),
                String.format(Locale.ROOT, "%.1f", vm.virtualTime()),
                vm.guarantee() == null ? "-" : vm.guarantee().name(), TimeSpan.format(vm.starvedNanos()))).toList();
        return new StatsTable(TimeSpan.format(document.now()), TimeSpan.format(document.windowNs()),
                rate(document.capacityBps()), rows);
    }

    static String rate(long bps) {
        return new Rate(bps, Rate.Unit.BITS_PER_SECOND).toString();
    }

    private static String dropped(StatsDocument.Vm vm) {
        String nonZero = vm.dropped().entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
        return nonZero.isEmpty() ? "0" : nonZero;
    }
}
