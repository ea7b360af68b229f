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
}
