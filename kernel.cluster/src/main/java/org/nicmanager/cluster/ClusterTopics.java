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

    /** A VM created on this host became a cluster VM ({@code /nicmgr/vms/NAME}); subject: the VM. */
    public static final String VM_PUBLISHED = "nicmgr/cluster/VM_PUBLISHED";
    /** A VM deleted on this host was deleted in the cluster. */
    public static final String VM_UNPUBLISHED = "nicmgr/cluster/VM_UNPUBLISHED";
    /** A VM deleted on this host stays in the cluster (and comes back here): another host runs it. */
    public static final String VM_DELETE_REFUSED = "nicmgr/cluster/VM_DELETE_REFUSED";
    /** A VM was placed on a host ({@code vm:start}). */
    public static final String VM_PLACED = "nicmgr/cluster/VM_PLACED";
    /** This host acts as a VM's owner: confirmed by its owner record in this session; its frames go out. */
    public static final String VM_OWNED = "nicmgr/cluster/VM_OWNED";
    /** This host, back with a new session, claimed a VM of its own again (version-checked). */
    public static final String VM_CLAIMED = "nicmgr/cluster/VM_CLAIMED";
    /** This host stopped acting as a VM's owner (session lost, or another owner): its frames are dropped NOT_OWNER. */
    public static final String VM_FENCED = "nicmgr/cluster/VM_FENCED";
    /** This host stopped a VM that runs here but that it does not own. */
    public static final String VM_STOPPED_HERE = "nicmgr/cluster/VM_STOPPED_HERE";
    /** A VM stopped on its owner now runs nowhere. */
    public static final String VM_RELEASED = "nicmgr/cluster/VM_RELEASED";
    /** A VM placed on this host could not start here; it is released. */
    public static final String VM_START_FAILED = "nicmgr/cluster/VM_START_FAILED";
    /** The leader restarted a lost host's VM on a survivor; one event per VM, in priority order. */
    public static final String VM_RESTARTED = "nicmgr/cluster/VM_RESTARTED";
    /** Alert: a lost host's VMs that fit on no survivor stay stopped; {@link #DETAILS} names them. */
    public static final String VMS_NOT_RESTARTED = "nicmgr/cluster/VMS_NOT_RESTARTED";

    public static final String SUBJECT = "subject";
    public static final String DETAILS = "details";
    public static final String TIME = "time";
    public static final String STATE = "state";

    private ClusterTopics() {
    }
}
