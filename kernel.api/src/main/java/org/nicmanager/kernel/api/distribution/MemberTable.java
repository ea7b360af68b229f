package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a policy sees of its bond's members. Slots are stable member indices of the bond, 0 up to
 * {@link #MAX_SLOTS} (exclusive), so a policy may keep per-slot arrays of that size or a byte per slot;
 * {@link #active(int)} lists the slots that can carry frames now, in failover order. Every method is cheap and
 * allocates nothing, so the frame path may call them.
 */
@ProviderType
public interface MemberTable {

    /** Slots are below this. */
    int MAX_SLOTS = 256;

    /** Members able to carry frames now (link up, not failed, in service). */
    int activeCount();

    /** The slot of the i-th active member, in failover order, for i from 0 to {@link #activeCount()} (exclusive). */
    int active(int index);

    /** True while the member in that slot can carry frames. */
    boolean isActive(int slot);

    /** Bytes queued on that member's transmit ring and not yet on the wire. */
    long pendingBytes(int slot);

    /** The member's line rate, in bits per second (an e100 100,000,000, an e1000 1,000,000,000). */
    long speedBps(int slot);

    /** Bytes the member's NIC has transmitted, since it joined the slot (counters start again with a new NIC). */
    long txBytes(int slot);

    /** Frames the member's NIC has transmitted, as {@link #txBytes(int)}. */
    long txFrames(int slot);
}
