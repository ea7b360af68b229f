package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * A bond's tunables.
 *
 * @param failback what happens when a failed member recovers (patent [0104])
 * @param failbackHoldDownNanos for {@link FailbackMode#DELAYED}: how long a member must stay UP before it takes traffic
 *            again; a flap restarts the wait
 * @param backlogFrames frames the bond holds when no member can take them; beyond that it drops (QUEUE_FULL)
 * @param notifySwitches send gratuitous ARPs after a failover or failback (patent [0101])
 * @param downRecheckNanos how often a DOWN member's link is polled, besides its carrier events; 0: never
 * @param failedRecheckNanos how often a FAILED (hardware) member is polled: less often, it is the graver fault
 * @param lacp link aggregation: none, static, or LACP (patent [0071], [0086]-[0087])
 * @param arpMonitor ARP probes that find a member whose carrier is up but whose path is broken; off by default
 * @param carrierDelays how long a carrier change must last before the bond acts on it (updelay, downdelay); none by
 *            default
 * @param failoverOnBusyNanos a member whose transmit ring stays full this long fails over as a whole ([0101]-[0102]),
 *            and returns by the failback mode once it has room; 0 (the default): never, a full ring only makes the
 *            policy's frames wait
 * @param loadBased when the {@code load-based} policy moves a VM's port: how busy a member must be, for how long
 */
public record BondSettings(FailbackMode failback, long failbackHoldDownNanos, int backlogFrames, boolean notifySwitches,
        long downRecheckNanos, long failedRecheckNanos, LacpSettings lacp, ArpMonitorSettings arpMonitor,
        CarrierDelays carrierDelays, long failoverOnBusyNanos, LoadBasedSettings loadBased) {

    public static final long DEFAULT_FAILBACK_HOLD_DOWN_NANOS = 2_000_000_000L;
    public static final int DEFAULT_BACKLOG_FRAMES = 1024;
    public static final long DEFAULT_DOWN_RECHECK_NANOS = 100_000_000L;
    public static final long DEFAULT_FAILED_RECHECK_NANOS = 1_000_000_000L;
    /** Off: a full ring is a transient limit the policy waits out. */
    public static final long DEFAULT_FAILOVER_ON_BUSY_NANOS = 0;
    /** A ring stays full for a few frame times under any overload; anything shorter would fail over at every burst. */
    public static final long MIN_FAILOVER_ON_BUSY_NANOS = 1_000_000L;
    public static final long MAX_FAILOVER_ON_BUSY_NANOS = 3_600_000_000_000L;

    public BondSettings {
        if (failback == null) {
            throw new IllegalArgumentException("no failback mode given; expected IMMEDIATE, DELAYED or MANUAL");
        }
        if (failbackHoldDownNanos < 0) {
            throw new IllegalArgumentException("failback hold-down " + failbackHoldDownNanos + " ns is negative");
        }
        if (backlogFrames < 1) {
            throw new IllegalArgumentException("bond backlog of " + backlogFrames + " frames: at least 1 needed");
        }
        if (downRecheckNanos < 0 || failedRecheckNanos < 0) {
            throw new IllegalArgumentException("recheck periods must be 0 (off) or positive, not "
                    + downRecheckNanos + " / " + failedRecheckNanos + " ns");
        }
        if (lacp == null) {
            throw new IllegalArgumentException("no link aggregation settings given; LacpSettings.off() for none");
        }
        if (arpMonitor == null) {
            throw new IllegalArgumentException("no ARP monitor settings given; ArpMonitorSettings.off() for none");
        }
        if (arpMonitor.on() && lacp.aggregates()) {
            // Towards an aggregate the switch may send a member's answer down any link, so silence proves nothing.
            throw new IllegalArgumentException("the ARP monitor needs a host-side team (--lacp off), not --lacp "
                    + lacp.modeName() + ": the switch may answer a member's probe down another link of the aggregate");
        }
        if (carrierDelays == null) {
            throw new IllegalArgumentException("no carrier delays given; CarrierDelays.NONE for none");
        }
        checkFailoverOnBusy(failoverOnBusyNanos);
        if (loadBased == null) {
            throw new IllegalArgumentException("no load-based settings given; LoadBasedSettings.defaults() for the"
                    + " defaults");
        }
    }

    /** Settings without carrier delays or failover on busy, with the default load-based thresholds. */
    public BondSettings(FailbackMode failback, long failbackHoldDownNanos, int backlogFrames, boolean notifySwitches,
            long downRecheckNanos, long failedRecheckNanos, LacpSettings lacp, ArpMonitorSettings arpMonitor) {
        this(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos, failedRecheckNanos, lacp,
                arpMonitor, CarrierDelays.NONE, DEFAULT_FAILOVER_ON_BUSY_NANOS, LoadBasedSettings.defaults());
    }

    /** @throws IllegalArgumentException naming the value and what is allowed */
    public static void checkFailoverOnBusy(long nanos) {
        if (nanos != 0 && (nanos < MIN_FAILOVER_ON_BUSY_NANOS || nanos > MAX_FAILOVER_ON_BUSY_NANOS)) {
            throw new IllegalArgumentException("failover-on-busy " + nanos + " ns is out of range; allowed: off (0) or"
                    + " 1ms to 1h");
        }
    }

    /** Settings without an ARP monitor. */
    public BondSettings(FailbackMode failback, long failbackHoldDownNanos, int backlogFrames, boolean notifySwitches,
            long downRecheckNanos, long failedRecheckNanos, LacpSettings lacp) {
        this(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos, failedRecheckNanos, lacp,
                ArpMonitorSettings.off());
    }

    /** Settings without link aggregation. */
    public BondSettings(FailbackMode failback, long failbackHoldDownNanos, int backlogFrames, boolean notifySwitches,
            long downRecheckNanos, long failedRecheckNanos) {
        this(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos, failedRecheckNanos,
                LacpSettings.off());
    }

    public static BondSettings defaults() {
        return new BondSettings(FailbackMode.IMMEDIATE, DEFAULT_FAILBACK_HOLD_DOWN_NANOS, DEFAULT_BACKLOG_FRAMES, true,
                DEFAULT_DOWN_RECHECK_NANOS, DEFAULT_FAILED_RECHECK_NANOS, LacpSettings.off(), ArpMonitorSettings.off());
    }

    public BondSettings withLacp(LacpSettings aggregation) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, aggregation, arpMonitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withFailback(FailbackMode mode, long holdDownNanos) {
        return new BondSettings(mode, holdDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withBacklogFrames(int frames) {
        return new BondSettings(failback, failbackHoldDownNanos, frames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withNotifySwitches(boolean notify) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notify, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withRecheck(long downNanos, long failedNanos) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downNanos,
                failedNanos, lacp, arpMonitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withArpMonitor(ArpMonitorSettings monitor) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, monitor, carrierDelays, failoverOnBusyNanos, loadBased);
    }

    public BondSettings withCarrierDelays(CarrierDelays delays) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, delays, failoverOnBusyNanos, loadBased);
    }

    /** @param nanos 0 (off), or 1 ms to 1 h */
    public BondSettings withFailoverOnBusy(long nanos) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, carrierDelays, nanos, loadBased);
    }

    public BondSettings withLoadBased(LoadBasedSettings thresholds) {
        return new BondSettings(failback, failbackHoldDownNanos, backlogFrames, notifySwitches, downRecheckNanos,
                failedRecheckNanos, lacp, arpMonitor, carrierDelays, failoverOnBusyNanos, thresholds);
    }
}
