package org.nicmanager.kernel.api.nic;

/** EventAdmin topics posted by the NIC inventory, and their property keys. */
public final class NicTopics {

    /** A driver registered a NIC and the kernel took it into the inventory (patent step 752). */
    public static final String ADDED = "nicmgr/nic/ADDED";

    /** A NIC left the inventory: its driver stopped or unregistered it. */
    public static final String REMOVED = "nicmgr/nic/REMOVED";

    /** A driver registered a NIC the kernel could not take, e.g. a duplicate name. */
    public static final String REJECTED = "nicmgr/nic/REJECTED";

    public static final String NAME = "nic.name";
    public static final String DRIVER = "nic.driver";
    public static final String REASON = "reason";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";

    private NicTopics() {
    }
}
