package org.nicmanager.nicmanager.engine;

import org.nicmanager.nicmanager.bond.FailoverEvent;

/** Where the NIC manager announces bond changes (EventAdmin, in the components). Called on the world thread. */
public interface BondEvents {

    String CREATED = "CREATED";
    String DELETED = "DELETED";
    String POLICY_CHANGED = "POLICY_CHANGED";
    String MEMBER_ADDED = "MEMBER_ADDED";
    String MEMBER_REMOVED = "MEMBER_REMOVED";

    BondEvents NONE = new BondEvents() {
        @Override
        public void bondChanged(String what, String bond, String policy) {
        }

        @Override
        public void memberChanged(String what, String bond, String nic) {
        }

        @Override
        public void failover(String bond, FailoverEvent event) {
        }
    };

    /** {@link #CREATED}, {@link #DELETED} or {@link #POLICY_CHANGED}. */
    void bondChanged(String what, String bond, String policy);

    /** {@link #MEMBER_ADDED} or {@link #MEMBER_REMOVED}. */
    void memberChanged(String what, String bond, String nic);

    /** A failover, failback or removal from the bond's history. */
    void failover(String bond, FailoverEvent event);

    /**
     * A NIC joined a bond whose members' MTUs differ ({@code details} says what that means for frames).
     *
     * @param nicMtuBytes the MTU of the NIC that joined
     * @param bondMtuBytes the bond's MTU now: its smallest member's
     */
    default void mtuMismatch(String bond, String nic, int nicMtuBytes, int bondMtuBytes, String details) {
    }

    /**
     * The service of the bond's policy left: the bond runs the default policy and waits for its own.
     *
     * @param policy the default policy it runs now
     * @param wanted the policy it was given and waits for
     */
    default void policyFallback(String bond, String policy, String wanted, String details) {
    }

    /** The policy the bond waited for is offered again, and the bond runs it. */
    default void policyRestored(String bond, String policy, String details) {
    }

    /** A virtual NIC port's security policy changed; {@code details} gives its three switches. */
    default void securityChanged(String vm, int port, String details) {
    }

    /** The guest of a virtual NIC set its adapter's MAC; {@code accepted} when its port receives at it. */
    default void guestMacChanged(String vm, int port, boolean accepted, String details) {
    }

    /**
     * The guest of a virtual NIC turned promiscuous mode on or off; {@code accepted} when its port's policy accepts
     * promiscuous mode.
     */
    default void guestPromiscuousChanged(String vm, int port, boolean promiscuous, boolean accepted, String details) {
    }

    /** A port's security policy dropped frames since the last report; {@code drops} counts them by reason. */
    default void securityDrops(String vm, int port, String drops) {
    }
}
