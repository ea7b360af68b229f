package org.nicmanager.nicmanager.bond;

/**
 * Told of a bond's control events, on the network world's thread: the NIC manager turns them into EventAdmin events
 * and tells the resource manager that capacity changed (patent [0116]). Never called on the frame path.
 */
public interface BondObserver {

    BondObserver NONE = new BondObserver() {
        @Override
        public void recorded(Bond bond, FailoverEvent event) {
        }

        @Override
        public void carriersChanged(Bond bond) {
        }
    };

    /** A failover, failback or member removal entered the bond's history. */
    void recorded(Bond bond, FailoverEvent event);

    /** The set of members carrying traffic changed, and with it the bond's capacity. */
    void carriersChanged(Bond bond);
}
