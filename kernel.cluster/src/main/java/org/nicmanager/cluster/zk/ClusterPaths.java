package org.nicmanager.cluster.zk;

/** Where the cluster keeps its records in ZooKeeper. */
final class ClusterPaths {

    static final String ROOT = "/nicmgr";
    /** One ephemeral znode per host, named by its id, holding its {@code HostRecord}. */
    static final String HOSTS = ROOT + "/hosts";
    /** Curator's LeaderLatch participants. */
    static final String LEADER = ROOT + "/leader";
    /** One persistent znode per cluster VM, named by the VM, holding its {@code VmDefinition}. */
    static final String VMS = ROOT + "/vms";
    /** One persistent znode per cluster VM holding its {@code VmOwner}; its version is the owner's fencing token. */
    static final String OWNERS = ROOT + "/owners";
    /** Ephemeral sequential placement requests to the leader, answered in place. */
    static final String PLACEMENTS = ROOT + "/placements";

    private ClusterPaths() {
    }

    static String host(String hostId) {
        return HOSTS + "/" + hostId;
    }

    static String vm(String name) {
        return VMS + "/" + name;
    }

    static String owner(String vm) {
        return OWNERS + "/" + vm;
    }

    /** The host id of a direct child of {@link #HOSTS}, or null for any other path. */
    static String hostIdOf(String path) {
        return childOf(HOSTS, path);
    }

    /** The name of a direct child of {@code parent}, or null for any other path. */
    static String childOf(String parent, String path) {
        if (!path.startsWith(parent + "/")) {
            return null;
        }
        String name = path.substring(parent.length() + 1);
        return name.isEmpty() || name.contains("/") ? null : name;
    }
}
