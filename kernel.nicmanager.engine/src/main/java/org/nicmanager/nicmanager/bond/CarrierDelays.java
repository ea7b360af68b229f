package org.nicmanager.nicmanager.bond;

/**
 * How long a carrier change must last before the bond acts on it, after Linux bonding's {@code updelay} and
 * {@code downdelay} (miimon): a flapping cable then costs no failover, and a returning link carries traffic only once
 * it has proved stable. Both 0 by default: the bond acts at the link event.
 *
 * @param upNanos a member whose carrier came back carries traffic only after the carrier stayed up this long; skipped
 *            when no member carries traffic (as Linux, which brings up the first link at once)
 * @param downNanos a member whose carrier went is failed over only after the carrier stayed down this long; meanwhile
 *            it stays in service, and frames it refuses are dropped (NO_MEMBER_AVAILABLE), as Linux loses them
 */
public record CarrierDelays(long upNanos, long downNanos) {

    /** A day: beyond any carrier delay a network engineer would mean. */
    public static final long MAX_NANOS = 86_400_000_000_000L;

    public static final CarrierDelays NONE = new CarrierDelays(0, 0);

    public CarrierDelays {
        if (upNanos < 0 || upNanos > MAX_NANOS) {
            throw new IllegalArgumentException("bad updelay " + upNanos + " ns: 0 to 1 day");
        }
        if (downNanos < 0 || downNanos > MAX_NANOS) {
            throw new IllegalArgumentException("bad downdelay " + downNanos + " ns: 0 to 1 day");
        }
    }
}
