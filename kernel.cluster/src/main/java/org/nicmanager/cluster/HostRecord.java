package org.nicmanager.cluster;

import java.util.List;

/**
 * What a clustered host says about itself in its membership record (issue 16 point 2), kept in its ephemeral znode as
 * JSON and read back by every other host.
 *
 * @param hostId the host's name in the cluster
 * @param machine the host name of the machine it runs on
 * @param pid its process there: with the machine, it tells the operator who holds an id
 * @param startedAtMillis when the host joined, in wall-clock milliseconds since the epoch
 * @param version the NIC Manager version it runs
 * @param uplinks its bonds and unbonded NICs
 * @param headroomBps what the uplinks could still admit as reservations, summed over them
 * @param runningVms how many of its VMs run (or are suspended)
 */
public record HostRecord(String hostId, String machine, long pid, long startedAtMillis, String version,
        List<UplinkRecord> uplinks, long headroomBps, int runningVms) {

    public HostRecord {
        uplinks = List.copyOf(uplinks);
    }

    /**
     * One bond or unbonded NIC.
     *
     * @param name the bond's or the NIC's name
     * @param nics its NICs, in failover order
     * @param capacityBps the line rate of the NICs that carry traffic now
     * @param reservedBps the reservations of the VMs that send through it
     */
    public record UplinkRecord(String name, List<String> nics, long capacityBps, long reservedBps) {

        public UplinkRecord {
            nics = List.copyOf(nics);
        }

        public long headroomBps() {
            return Math.max(0, capacityBps - reservedBps);
        }
    }
}
