package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.nic.NicCounters;

/**
 * What a load-distribution policy sees of its bond: the members that can carry frames now, in failover order, and
 * their pending load. Slots are stable member indices of the bond; {@link #active(int)} lists them.
 */
public interface MemberView {

    /** Members able to carry frames now (link up, not failed, ring not exhausted at the last look). */
    int activeCount();

    /** The slot of the i-th active member, in failover order. */
    int active(int index);

    /** True while the member in that slot can carry frames. */
    boolean isActive(int slot);

    /** Bytes queued on that member's transmit ring and not yet on the wire. */
    long pendingBytes(int slot);

    /** The member's line rate, in bits per second. */
    long speedBps(int slot);

    /** The member's hardware counters now; a snapshot, so for the control path only (rebuilds, rebalancing). */
    NicCounters counters(int slot);
}
