package org.nicmanager.kernel.api.nic;

/** A snapshot of a NIC's hardware counters. */
public record NicCounters(long txFrames, long txBytes, long rxFrames, long rxBytes, long txDropsTooLong,
        long txBusy, long rxDrops, long errors) {

    public static final NicCounters ZERO = new NicCounters(0, 0, 0, 0, 0, 0, 0, 0);
}
