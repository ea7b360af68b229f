package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * What differs between a live bond and the configuration it is to follow, in the terms of the operations that change
 * a bond: its policy, which NICs it has, the failover order of its present members, its failover-on-busy time, and
 * the settings a bond is made with and keeps (failback, link aggregation, the ARP monitor, the load-based thresholds),
 * which only re-creating it changes.
 *
 * <p>A NIC not present now has no place in the failover order yet (it joins at the end when its driver registers
 * it), so only the order of present members counts.
 *
 * @param fixedSettings each setting a running bond cannot change, as "key old -> new" with the configuration's keys
 * @param leaving the NICs the bond has and the configuration does not name
 * @param joining the NICs the configuration names and the bond does not have, in the configuration's order
 * @param reorder the present members that stay are not in the configuration's order
 */
record BondDifference(BondConfig live, BondConfig desired, List<String> fixedSettings, List<String> leaving,
        List<String> joining, boolean reorder) {

    BondDifference {
        fixedSettings = List.copyOf(fixedSettings);
        leaving = List.copyOf(leaving);
        joining = List.copyOf(joining);
    }

    /**
     * @param live the bond as it would be stored ({@link BondConfig#of})
     * @param present its present members in failover order
     */
    static BondDifference between(BondConfig live, List<String> present, BondConfig desired) {
        List<String> leaving = live.nics().stream().filter(nic -> !desired.nics().contains(nic)).toList();
        List<String> joining = desired.nics().stream().filter(nic -> !live.nics().contains(nic)).toList();
        List<String> staying = present.stream().filter(desired.nics()::contains).toList();
        boolean reorder = !staying.equals(desired.nics().stream().filter(staying::contains).toList());
        return new BondDifference(live, desired, fixedSettings(live, desired), leaving, joining, reorder);
    }

    private static List<String> fixedSettings(BondConfig live, BondConfig desired) {
        List<String> changed = new ArrayList<>();
        compare(changed, "failback", live.failback(), desired.failback());
        compare(changed, "failbackHoldDownMs", live.failbackHoldDownMs(), desired.failbackHoldDownMs());
        if (desired.lacp() != null) { // null: the writer does not know link aggregation, and keeps what the bond has
            LacpSettings was = live.lacp();
            LacpSettings wanted = desired.lacp();
            compare(changed, "lacp", was.modeName(), wanted.modeName());
            compare(changed, "lacpRate", was.rateName(), wanted.rateName());
            compare(changed, "lacpFallbackMs", was.fallbackNanos() / 1_000_000, wanted.fallbackNanos() / 1_000_000);
            compare(changed, "lacpMinLinks", was.minLinks(), wanted.minLinks());
        }
        if (desired.arpMonitor() != null) { // null: the writer does not know the ARP monitor (kept, as lacp)
            ArpMonitorSettings was = live.arpMonitor();
            ArpMonitorSettings wanted = desired.arpMonitor();
            compare(changed, "arpTargets", was.targetsText(), wanted.targetsText());
            compare(changed, "arpIntervalMs", was.intervalNanos() / 1_000_000, wanted.intervalNanos() / 1_000_000);
            compare(changed, "arpMissedMax", was.missedMax(), wanted.missedMax());
            compare(changed, "arpValidate", was.validate().linuxName(), wanted.validate().linuxName());
            compare(changed, "arpAllTargets", was.allTargetsName(), wanted.allTargetsName());
        }
        if (desired.carrierDelays() != null && live.carrierDelays() != null) { // null: not known (kept, as lacp)
            compare(changed, "updelayMs", live.carrierDelays().upNanos() / 1_000_000,
                    desired.carrierDelays().upNanos() / 1_000_000);
            compare(changed, "downdelayMs", live.carrierDelays().downNanos() / 1_000_000,
                    desired.carrierDelays().downNanos() / 1_000_000);
        }
        if (desired.loadBased() != null) { // null: the writer does not know the thresholds (kept, as lacp)
            compare(changed, "loadBasedThresholdPercent", live.loadBased().thresholdPercent(),
                    desired.loadBased().thresholdPercent());
            compare(changed, "loadBasedWindowSeconds", live.loadBased().windowSeconds(),
                    desired.loadBased().windowSeconds());
        }
        return changed;
    }

    private static void compare(List<String> changed, String key, Object was, Object wanted) {
        if (!Objects.equals(was, wanted)) {
            changed.add(key + " " + was + " -> " + wanted);
        }
    }

    boolean policyChanges() {
        return !live.policy().equals(desired.policy());
    }

    /** True when the configuration sets another failover-on-busy time (a running bond changes it live). */
    boolean failoverOnBusyChanges() {
        return desired.failoverOnBusyMs() != null && !desired.failoverOnBusyMs().equals(live.failoverOnBusyMs());
    }

    /** True when only re-creating the bond brings it to the configuration. */
    boolean recreates() {
        return !fixedSettings.isEmpty();
    }

    /** True when the live bond already is what the configuration says: its own write, or an unchanged file. */
    boolean none() {
        return !policyChanges() && !failoverOnBusyChanges() && !recreates() && leaving.isEmpty() && joining.isEmpty() && !reorder;
    }
}
