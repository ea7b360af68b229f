package org.nicmanager.lib.lacp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operational keys by link speed, so that only links of one speed aggregate (IEEE 802.1AX-2014 6.3.5 leaves the
 * choice to the system; IEEE 802.3ad required equal speeds, and Linux bonding keys its ports the same way).
 */
@ProviderType
public final class LacpKeys {

    private static final long[] SPEEDS = {10_000_000L, 100_000_000L, 1_000_000_000L, 2_500_000_000L,
        10_000_000_000L, 25_000_000_000L, 40_000_000_000L, 100_000_000_000L};

    private LacpKeys() {
    }

    /** 1 + the index of the speed class, shifted past the duplex bit, which is always full here. */
    public static int forSpeed(long speedBps) {
        int speedClass = SPEEDS.length;
        for (int i = 0; i < SPEEDS.length; i++) {
            if (speedBps <= SPEEDS[i]) {
                speedClass = i;
                break;
            }
        }
        return (speedClass + 1) << 1 | 1;
    }
}
