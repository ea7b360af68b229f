package org.nicmanager.cluster.zk;

/** Where the cluster keeps its records in ZooKeeper. */
final class ClusterPaths {

    static final String ROOT = "/nicmgr";
    /** One ephemeral znode per host, named by its id, holding its {@code HostRecord}. */
    static final String HOSTS = ROOT + "/hosts";
    /** Curator's LeaderLatch participants. */
    static final String LEADER = ROOT + "/leader";

    private ClusterPaths() {
    }

    static String host(String hostId) {
        return HOSTS + "/" + hostId;
    }

    /** The host id of a direct child of {@link #HOSTS}, or null for any other path. */
    static String hostIdOf(String path) {
        if (!path.startsWith(HOSTS + "/")) {
            return null;
        }
        String name = path.substring(HOSTS.length() + 1);
        return name.isEmpty() || name.contains("/") ? null : name;
    }
}
