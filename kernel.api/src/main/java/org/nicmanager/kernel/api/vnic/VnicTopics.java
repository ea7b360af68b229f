package org.nicmanager.kernel.api.vnic;

/**
 * EventAdmin topics the NIC manager posts for virtual NIC ports, and their property keys. Each carries {@link #VM},
 * {@link #PORT}, {@link #TIME} and {@link #DETAILS}.
 *
 * @since 1.3
 */
public final class VnicTopics {

    /** Every virtual NIC topic starts so; subscribe to {@code nicmgr/vnic/*}. */
    public static final String PREFIX = "nicmgr/vnic/";
    /** A port's security policy changed ({@code vnic:security}); {@link #DETAILS} gives the three switches. */
    public static final String SECURITY_CHANGED = PREFIX + "SECURITY_CHANGED";
    /**
     * The guest set its adapter's MAC; {@link #ACCEPTED} says whether its port receives at it (MAC changes accepted)
     * or receives nothing while it keeps it (rejected).
     */
    public static final String GUEST_MAC_CHANGED = PREFIX + "GUEST_MAC_CHANGED";
    /**
     * The guest turned promiscuous mode on or off ({@link #PROMISCUOUS}); {@link #ACCEPTED} says whether its port gives
     * it copies of its uplink's frames or refuses them (counted as {@code PROMISCUOUS_REFUSED}).
     *
     * @since 1.4
     */
    public static final String GUEST_PROMISCUOUS_CHANGED = PREFIX + "GUEST_PROMISCUOUS_CHANGED";
    /**
     * The port's security policy dropped frames since the last such event (at most one a second per port):
     * {@link #DETAILS} counts them by reason ({@code FORGED_SOURCE_MAC}, {@code MAC_CHANGE_REFUSED},
     * {@code PROMISCUOUS_REFUSED}).
     */
    public static final String SECURITY_DROPS = PREFIX + "SECURITY_DROPS";

    public static final String VM = "vm";
    public static final String PORT = "port";
    public static final String ACCEPTED = "accepted";
    /** Whether the guest asks for promiscuous mode now (a Boolean). @since 1.4 */
    public static final String PROMISCUOUS = "promiscuous";
    public static final String DETAILS = "details";
    /** Kernel-clock nanoseconds. */
    public static final String TIME = "time";

    private VnicTopics() {
    }
}
