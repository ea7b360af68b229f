package org.nicmanager.lib.lacp;

import org.osgi.annotation.versioning.ProviderType;

/** The protocol's timing constants (IEEE 802.1AX-2014 6.4.4), in nanoseconds of the kernel clock. */
@ProviderType
public final class LacpTimes {

    /** Fast_Periodic_Time: LACPDUs every second to a partner that asked for the short timeout. */
    public static final long FAST_PERIODIC_NANOS = 1_000_000_000L;
    /** Slow_Periodic_Time: every 30 s to a partner content with the long timeout. */
    public static final long SLOW_PERIODIC_NANOS = 30_000_000_000L;
    /** Short_Timeout_Time: three fast periods without an LACPDU and the partner's information expires. */
    public static final long SHORT_TIMEOUT_NANOS = 3_000_000_000L;
    /** Long_Timeout_Time: three slow periods. */
    public static final long LONG_TIMEOUT_NANOS = 90_000_000_000L;
    /** Aggregate_Wait_Time: how long a port waits so that the other ports of its aggregator can join at once. */
    public static final long AGGREGATE_WAIT_NANOS = 2_000_000_000L;
    /** At most this many LACPDUs go out of a port in any Fast_Periodic_Time (6.4.16). */
    public static final int MAX_TRANSMISSIONS_PER_FAST_PERIOD = 3;

    private LacpTimes() {
    }
}
