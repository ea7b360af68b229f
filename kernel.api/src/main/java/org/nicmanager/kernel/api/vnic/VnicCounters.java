package org.nicmanager.kernel.api.vnic;

/**
 * A virtual NIC's counters; drops are split by cause so that every frame is accounted for.
 *
 * @param txDropsTooLong guest frames over the model's MTU ({@code DropReason.TOO_LONG})
 * @param txDropsNoBuffer guest frames for which no kernel buffer was free ({@code DropReason.NO_BUFFER})
 * @param txDropsNoUplink guest frames sent while the virtual NIC was connected to no uplink: none assigned yet, or
 *        the NIC manager away, e.g. while one variant replaces the other ({@code DropReason.NO_MEMBER_AVAILABLE})
 * @param txRefused guest frames the connected uplink would not take
 * @param rxDropsQueueFull frames for the guest dropped because its receive queue was full
 * @param interrupts receive interrupts raised
 */
public record VnicCounters(long txFrames, long txBytes, long txDropsTooLong, long txDropsNoBuffer,
        long txDropsNoUplink, long txRefused, long rxFrames, long rxBytes, long rxDropsQueueFull, long interrupts,
        int rxQueued) {

    /** Guest frames that did not leave, whatever the cause. */
    public long txDrops() {
        return txDropsTooLong + txDropsNoBuffer + txDropsNoUplink + txRefused;
    }
}
