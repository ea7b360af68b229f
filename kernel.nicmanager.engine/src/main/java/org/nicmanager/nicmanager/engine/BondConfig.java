package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * A bond as stored in ConfigAdmin: what survives a swap of NIC manager variants ([0076]-[0082]).
 *
 * @param policy its load distribution, or {@code null} when the configuration names none: the NIC manager reading it
 *            then gives it its default ({@link BondService#defaultPolicy()})
 * @param nics its NICs in failover order, present or not
 * @param lacp its link aggregation, or {@code null} when the writer does not know it: the store then keeps what it has
 * @param arpMonitor its ARP monitor, or {@code null} when the writer does not know it (kept, as {@code lacp})
 * @param carrierDelays its updelay and downdelay, or {@code null} when the writer does not know them (kept)
 * @param failoverOnBusyMs how long a member's ring may stay full before it fails over, in ms (0: off), or
 *            {@code null} when the writer does not know it (kept, as {@code lacp}); a running bond follows a change
 * @param loadBased the load-based policy's thresholds, or {@code null} when the writer does not know them (kept, as
 *            {@code lacp})
 */
public record BondConfig(String name, String policy, FailbackMode failback, long failbackHoldDownMs,
        List<String> nics, LacpSettings lacp, ArpMonitorSettings arpMonitor, CarrierDelays carrierDelays,
        Long failoverOnBusyMs, LoadBasedSettings loadBased) {

    public BondConfig {
        nics = List.copyOf(nics);
    }

    /** A bond whose carrier delays, failover-on-busy time and load-based thresholds the writer does not know. */
    public BondConfig(String name, String policy, FailbackMode failback, long failbackHoldDownMs,
            List<String> nics, LacpSettings lacp, ArpMonitorSettings arpMonitor) {
        this(name, policy, failback, failbackHoldDownMs, nics, lacp, arpMonitor, null, null, null);
    }

    /** This configuration, with {@code policy} when it names none. */
    public BondConfig withPolicyIfAbsent(String fallback) {
        return policy != null ? this
                : new BondConfig(name, fallback, failback, failbackHoldDownMs, nics, lacp, arpMonitor, carrierDelays,
                        failoverOnBusyMs, loadBased);
    }

    /** A bond whose ARP monitor the writer does not know. */
    public BondConfig(String name, String policy, FailbackMode failback, long failbackHoldDownMs,
            List<String> nics, LacpSettings lacp) {
        this(name, policy, failback, failbackHoldDownMs, nics, lacp, null);
    }

    /** A bond whose link aggregation and ARP monitor the writer does not know. */
    public BondConfig(String name, String policy, FailbackMode failback, long failbackHoldDownMs,
            List<String> nics) {
        this(name, policy, failback, failbackHoldDownMs, nics, null, null);
    }

    /**
     * A live bond as it would be stored: its present members in failover order, then the NICs not present now in the
     * order they were given. Times are whole milliseconds, as the configuration keeps them.
     */
    public static BondConfig of(BondReport report) {
        BondStats stats = report.stats();
        List<String> nics = new ArrayList<>(stats.members().stream()
                .sorted(Comparator.comparingInt(BondStats.Member::rank)).map(BondStats.Member::nic)
                .filter(report.nics()::contains).toList());
        report.nics().stream().filter(nic -> !nics.contains(nic)).forEach(nics::add);
        LacpSettings lacp = report.settings().lacp();
        ArpMonitorSettings monitor = report.settings().arpMonitor();
        CarrierDelays delays = report.settings().carrierDelays();
        return new BondConfig(stats.name(), report.givenPolicy(), stats.failback(),
                report.settings().failbackHoldDownNanos() / 1_000_000, nics, new LacpSettings(lacp.mode(),
                        lacp.fastRate(), lacp.fallbackNanos() / 1_000_000 * 1_000_000, lacp.minLinks()),
                new ArpMonitorSettings(monitor.targets(), monitor.intervalNanos() / 1_000_000 * 1_000_000,
                        monitor.missedMax(), monitor.validate(), monitor.allTargets()),
                new CarrierDelays(delays.upNanos() / 1_000_000 * 1_000_000,
                        delays.downNanos() / 1_000_000 * 1_000_000),
                report.settings().failoverOnBusyNanos() / 1_000_000, report.settings().loadBased());
    }

    /** The bond's tunables this configuration sets; the others keep their defaults. */
    public BondSettings settings() {
        BondSettings settings = BondSettings.defaults().withFailback(failback, failbackHoldDownMs * 1_000_000);
        settings = lacp == null ? settings : settings.withLacp(lacp);
        settings = carrierDelays == null ? settings : settings.withCarrierDelays(carrierDelays);
        settings = failoverOnBusyMs == null ? settings : settings.withFailoverOnBusy(failoverOnBusyMs * 1_000_000);
        settings = loadBased == null ? settings : settings.withLoadBased(loadBased);
        return arpMonitor == null ? settings : settings.withArpMonitor(arpMonitor);
    }
}
