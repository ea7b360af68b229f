package org.nicmanager.kernel.api.teaming;

/** EventAdmin topics the NIC manager posts for bonds, and their property keys. */
public final class BondTopics {

    /** Every bond topic starts so; subscribe to {@code nicmgr/bond/*}. */
    public static final String PREFIX = "nicmgr/bond/";
    public static final String CREATED = PREFIX + "CREATED";
    public static final String DELETED = PREFIX + "DELETED";
    public static final String POLICY_CHANGED = PREFIX + "POLICY_CHANGED";
    public static final String MEMBER_ADDED = PREFIX + "MEMBER_ADDED";
    public static final String MEMBER_REMOVED = PREFIX + "MEMBER_REMOVED";
    /** A member stopped carrying traffic (patent [0101]); {@link #REASON} says why. */
    public static final String FAILOVER = PREFIX + "FAILOVER";
    /** A recovered member carries traffic again ([0104]). */
    public static final String FAILBACK = PREFIX + "FAILBACK";
    /**
     * A load-based bond moved a VM's port to a lighter member, because its member had been busy for the bond's whole
     * window. Carries {@link #NIC} (the member the port moved to), {@link #REASON} ({@code LOAD_MOVED}) and
     * {@link #DETAILS} (the port, its VM, the member it left and both members' load).
     */
    public static final String PORT_MOVED = PREFIX + "PORT_MOVED";
    /**
     * A member joined a bond whose members' MTUs differ: frames larger than the bond's MTU (its smallest member's) go
     * only through members that can carry them. Carries {@link #NIC} (the member that joined), {@link #NIC_MTU_BYTES},
     * {@link #MTU_BYTES} and {@link #DETAILS}.
     */
    public static final String MTU_MISMATCH = PREFIX + "MTU_MISMATCH";
    /**
     * The service of a bond's policy left (its bundle stopped): the bond now runs the NIC manager's default policy
     * ({@link #POLICY}) and waits for its own ({@link #WANTED_POLICY}). Carries {@link #DETAILS}.
     */
    public static final String POLICY_FALLBACK = PREFIX + "POLICY_FALLBACK";
    /** The policy a bond waited for is offered again and the bond runs it ({@link #POLICY}) once more. */
    public static final String POLICY_RESTORED = PREFIX + "POLICY_RESTORED";

    public static final String BOND = "bond.name";
    public static final String NIC = "nic.name";
    public static final String POLICY = "policy";
    /** The policy a bond was given and waits for while it runs the default ({@link #POLICY_FALLBACK}). */
    public static final String WANTED_POLICY = "policy.wanted";
    /**
     * Upper-case reason: CARRIER_LOST, HARDWARE_FAILED, REMOVED, TRANSMIT_LINK_DOWN, ARP_UNANSWERED, LACP, BUSY (the
     * member's ring stayed full for the bond's failover-on-busy time), FAILBACK, LOAD_MOVED (a load-based bond moved
     * a VM's port to this member).
     */
    public static final String REASON = "reason";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";
    /** The bond's MTU in bytes: its smallest member's. */
    public static final String MTU_BYTES = "mtuBytes";
    /** The MTU in bytes of the NIC the event is about. */
    public static final String NIC_MTU_BYTES = "nic.mtuBytes";
    /** What happened, for people. */
    public static final String DETAILS = "details";

    private BondTopics() {
    }
}
