package org.nicmanager.nicmanager.engine;

/**
 * What following a configuration did to a bond, for the log.
 *
 * @param change what changed, in words; empty when the bond already matched its configuration
 * @param recreated the bond was replaced by a new one, whose counters and failover history start afresh: worth a
 *            warning, where a change made live is only news
 */
public record BondFollowed(String change, boolean recreated) {

    static final BondFollowed NOTHING = new BondFollowed("", false);

    static BondFollowed changed(String change) {
        return new BondFollowed(change, false);
    }

    public boolean nothing() {
        return change.isEmpty();
    }
}
