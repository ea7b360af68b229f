package org.nicmanager.cluster;

/**
 * Who runs a cluster VM ({@code /nicmgr/owners/NAME}, issue 16 points 2-3). The znode's version is the owner's fencing
 * token: every change of owner is a version-checked write, so a host acting on an older version has lost the VM.
 *
 * @param host the owning host's id, or null when the VM runs nowhere
 * @param session the ZooKeeper session of the owning host that the record names (0 with no host): a host acts as owner
 *        only in that very session, so one that lost its session must claim the VM again before it acts
 */
public record VmOwner(String vm, String host, long session) {

    public static VmOwner nobody(String vm) {
        return new VmOwner(vm, null, 0);
    }

    public boolean runsNowhere() {
        return host == null;
    }
}
