package org.nicmanager.kernel.api.teaming;

/**
 * What a bond member does for its bond now, as operators read it: vSphere lists active, standby and unused adapters,
 * and {@code /proc/net/bonding} names the currently active slave. The role follows the bond's policy: under
 * {@code failover-order} only the first member in service carries traffic ([0070]); a spreading policy uses every
 * member in service; LACP uses only the members of the aggregator it selected ([0071]).
 */
public enum MemberRole {
    /** Carries the bond's traffic now. */
    ACTIVE,
    /** In service, healthy and ready, but carrying nothing now: it takes over when an active member fails. */
    STANDBY,
    /**
     * Out of service: its link is down or failed, the ARP monitor hears nothing through it, or it recovered and the
     * failback mode holds it out still (a delayed failback's hold-down, or a manual failback not yet given). It takes
     * over from no one until it is back in service.
     */
    UNUSED,
    /**
     * Healthy, but LACP does not let it distribute: it is not in the aggregator LACP selected (another partner, another
     * key), or it is still negotiating. The member's role reason says which.
     */
    NOT_SELECTED
}
