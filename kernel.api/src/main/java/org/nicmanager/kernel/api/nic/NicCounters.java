package org.nicmanager.kernel.api.nic;

/**
 * A snapshot of a NIC's hardware counters. Bytes count the frame as the kernel holds it (header and payload, no
 * preamble, padding, FCS or gap). Drops and errors are split by cause so that every frame is accounted for.
 *
 * @param txDropsTooLong frames refused by transmit for exceeding the MTU
 * @param txBusy transmit requests refused because the ring was full
 * @param txDropsLinkDown frames refused, or flushed from the ring, because the link was down or the card failed
 * @param rxDropsTooLong received frames over the MTU, dropped
 * @param rxDropsNotForUs received unicast frames for another MAC, dropped because the card is not promiscuous
 * @param rxDropsNoListener received frames dropped because no kernel listener was attached
 * @param hardwareErrors hardware faults seen
 */
public record NicCounters(long txFrames, long txBytes, long rxFrames, long rxBytes, long txDropsTooLong,
        long txBusy, long txDropsLinkDown, long rxDropsTooLong, long rxDropsNotForUs, long rxDropsNoListener,
        long hardwareErrors) {

    public static final NicCounters ZERO = new NicCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
