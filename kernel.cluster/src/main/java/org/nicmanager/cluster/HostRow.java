package org.nicmanager.cluster;

import java.time.Instant;
import java.util.stream.Collectors;

import org.nicmanager.lib.units.Rate;

/**
 * One host as the text of {@code cluster:hosts} shows it: rates and times for people ({@code --json} gives the records
 * themselves).
 *
 * @param uplinks each uplink as {@code NAME CAPACITY (RESERVED reserved)}, comma-separated
 */
public record HostRow(String hostId, String machine, long pid, String started, String version, String uplinks,
        String headroom, int runningVms) {

    static HostRow of(HostRecord record) {
        String uplinks = record.uplinks().stream().map(uplink -> uplink.name() + " " + rate(uplink.capacityBps())
                + " (" + rate(uplink.reservedBps()) + " reserved)").collect(Collectors.joining(", "));
        return new HostRow(record.hostId(), record.machine(), record.pid(),
                Instant.ofEpochMilli(record.startedAtMillis()).toString(), record.version(),
                uplinks.isEmpty() ? "-" : uplinks, rate(record.headroomBps()), record.runningVms());
    }

    private static String rate(long bps) {
        return new Rate(Math.max(0, bps), Rate.Unit.BITS_PER_SECOND).toString();
    }
}
