package org.nicmanager.cluster;

import java.time.Clock;

/**
 * What does not change in a host's record while it runs: its id, the machine and process it runs in, when it started
 * and its version.
 */
record HostIdentity(String hostId, String machine, long pid, long startedAtMillis, String version) {

    static HostIdentity ofThisProcess(String hostId, String version) {
        // Wall-clock time on purpose: it tells an operator when the holder of an id started (control path only).
        return new HostIdentity(hostId, ClusterSettings.machineName(), ProcessHandle.current().pid(),
                Clock.systemUTC().millis(), version);
    }

    HostRecord record(HostDescription.Network network) {
        return new HostRecord(hostId, machine, pid, startedAtMillis, version, network.uplinks(), network.headroomBps(),
                network.runningVms());
    }
}
