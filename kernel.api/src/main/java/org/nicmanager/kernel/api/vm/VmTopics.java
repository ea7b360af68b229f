package org.nicmanager.kernel.api.vm;

/**
 * EventAdmin topics of the VM manager. Lifecycle events carry {@link #VM}, {@link #STATE}, {@link #TIME},
 * {@link #SUBJECT} (the VM) and {@link #DETAILS}; alerts ({@link #BOTTLENECK}, {@link #MIGRATION_REQUESTED}) carry
 * {@link #TIME}, {@link #SUBJECT} and {@link #DETAILS}.
 */
public final class VmTopics {

    public static final String CREATED = "nicmgr/vm/CREATED";
    public static final String STARTED = "nicmgr/vm/STARTED";
    public static final String STOPPED = "nicmgr/vm/STOPPED";
    public static final String SUSPENDED = "nicmgr/vm/SUSPENDED";
    public static final String RESUMED = "nicmgr/vm/RESUMED";
    public static final String DELETED = "nicmgr/vm/DELETED";
    /**
     * A failure left a bond short of bandwidth and the VM manager reacted by its bottleneck policy (steps 820, 824,
     * [0124]): suspended lower-priority VMs, resumed them after failback, or only alerted.
     */
    public static final String BOTTLENECK = "nicmgr/vm/BOTTLENECK";
    /** A VM's migration to another host was requested ([0131]-[0132]). */
    public static final String MIGRATION_REQUESTED = "nicmgr/vm/MIGRATION_REQUESTED";

    public static final String VM = "vm";
    public static final String STATE = "state";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";
    /** What the event is about: the VM, or the bond for {@link #BOTTLENECK}. */
    public static final String SUBJECT = "subject";
    /** What happened, for people. */
    public static final String DETAILS = "details";
    /**
     * On a {@link #BOTTLENECK} alert: the VMs (a list of names, maybe empty) that precedence for higher priorities is
     * starving on the bond, as the resource manager reported them ([0117]-[0118]).
     */
    public static final String STARVED_VMS = "starvedVms";

    private VmTopics() {
    }
}
