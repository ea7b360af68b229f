package org.nicmanager.cluster;

/**
 * EventAdmin topics of the cluster bundle. Every event carries {@link #SUBJECT} (a host id), {@link #TIME} (kernel
 * nanoseconds, or 0 before the kernel's clock is there) and a readable {@link #DETAILS}. They are the bundle's own
 * until another bundle needs them; then they move to kernel.api.
 */
public final class ClusterTopics {

    /** This host's session state changed: {@link #STATE} is CONNECTED, SUSPENDED, RECONNECTED or LOST. */
    public static final String SESSION = "nicmgr/cluster/SESSION";
    /** This host's membership record is in the cluster. */
    public static final String JOINED = "nicmgr/cluster/JOINED";
    /** This host was refused: its id is held by another live host, named in {@link #DETAILS}. */
    public static final String HOST_ID_TAKEN = "nicmgr/cluster/HOST_ID_TAKEN";
    /** A host's record appeared in this host's view of the cluster (its own too, once this host sees it there). */
    public static final String HOST_JOINED = "nicmgr/cluster/HOST_JOINED";
    /** Another host's record changed: its uplinks, headroom or VMs. */
    public static final String HOST_UPDATED = "nicmgr/cluster/HOST_UPDATED";
    /** A host's record went away: it left, or its session expired. */
    public static final String HOST_LEFT = "nicmgr/cluster/HOST_LEFT";
    /** This host became the leader. */
    public static final String LEADER_ELECTED = "nicmgr/cluster/LEADER_ELECTED";
    /** This host is no longer the leader. */
    public static final String LEADERSHIP_LOST = "nicmgr/cluster/LEADERSHIP_LOST";
    /** A record in ZooKeeper could not be read and was skipped; {@link #SUBJECT} is its path. */
    public static final String RECORD_MALFORMED = "nicmgr/cluster/RECORD_MALFORMED";

    public static final String SUBJECT = "subject";
    public static final String DETAILS = "details";
    public static final String TIME = "time";
    public static final String STATE = "state";

    private ClusterTopics() {
    }
}
