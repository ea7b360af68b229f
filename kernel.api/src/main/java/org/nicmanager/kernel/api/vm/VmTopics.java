package org.nicmanager.kernel.api.vm;

/** EventAdmin topics of the VM manager; each event carries {@link #VM}, {@link #STATE} and {@link #TIME}. */
public final class VmTopics {

    public static final String CREATED = "nicmgr/vm/CREATED";
    public static final String STARTED = "nicmgr/vm/STARTED";
    public static final String STOPPED = "nicmgr/vm/STOPPED";
    public static final String SUSPENDED = "nicmgr/vm/SUSPENDED";
    public static final String RESUMED = "nicmgr/vm/RESUMED";
    public static final String DELETED = "nicmgr/vm/DELETED";

    public static final String VM = "vm";
    public static final String STATE = "state";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";

    private VmTopics() {
    }
}
