package org.nicmanager.kernel.api.vnic;

/**
 * A virtual NIC's counters; drops are split by cause so that every frame is accounted for.
 *
 * @param txDropsTooLong guest frames over the model's MTU
 * @param txDropsNoBuffer guest frames for which no kernel buffer was free
 * @param txRefused guest frames the uplink refused (no uplink, or it would not take them)
 * @param rxDropsQueueFull frames for the guest dropped because its receive queue was full
 * @param interrupts receive interrupts raised
 */
public record VnicCounters(long txFrames, long txBytes, long txDropsTooLong, long txDropsNoBuffer, long txRefused,
        long rxFrames, long rxBytes, long rxDropsQueueFull, long interrupts, int rxQueued) {
}
