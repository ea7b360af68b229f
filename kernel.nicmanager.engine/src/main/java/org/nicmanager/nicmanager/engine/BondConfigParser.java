package org.nicmanager.nicmanager.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.ArpValidate;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * Reads a bond's stored configuration (ConfigAdmin properties, from the shell or a file in conf/) into a
 * {@link BondConfig}, checked like a command: a bad value is refused naming it and what is allowed, and nothing
 * changes.
 */
final class BondConfigParser {

    /** The carrier delays' keys, in the order up, down. */
    static final String[] CARRIER_KEYS = {"updelayMs", "downdelayMs"};

    private BondConfigParser() {
    }

    /** A configuration written by hand (a file in conf/), named by its {@code name} property. */
    static BondConfig parse(Dictionary<String, Object> properties) {
        return parse(String.valueOf(properties.get("name")), properties);
    }

    /**
     * Reads a bond's configuration, checked like a command: the message names the bad value and what is allowed.
     *
     * @param name the bond's name, which the caller has settled (the {@code name} property, or the configuration's)
     */
    static BondConfig parse(String name, Dictionary<String, Object> properties) {
        Object failback = properties.get("failback");
        Object policy = properties.get("policy");
        long holdDownMs = whole(properties, "failbackHoldDownMs", 2000);
        if (holdDownMs < 0 || holdDownMs > Long.MAX_VALUE / 1_000_000) {
            throw new IllegalArgumentException("bad failbackHoldDownMs '" + holdDownMs + "': 0 or more milliseconds");
        }
        boolean noPolicy = policy == null || policy.toString().isEmpty(); // the NIC manager's default
        return new BondConfig(name, noPolicy ? null : policy.toString(),
                failbackMode(failback == null ? "IMMEDIATE" : failback.toString()), holdDownMs, nics(properties),
                lacp(properties), arpMonitor(properties), carrierDelays(properties),
                failoverOnBusyMs(properties), loadBased(properties));
    }

    /** {@code updelayMs} and {@code downdelayMs}: whole milliseconds from 0 to a day. */
    private static CarrierDelays carrierDelays(Dictionary<String, Object> properties) {
        long[] nanos = new long[2];
        String[] keys = CARRIER_KEYS;
        for (int i = 0; i < keys.length; i++) {
            long ms = whole(properties, keys[i], 0);
            if (ms < 0 || ms > CarrierDelays.MAX_NANOS / 1_000_000) {
                throw new IllegalArgumentException("bad " + keys[i] + " '" + ms + "': 0 to "
                        + CarrierDelays.MAX_NANOS / 1_000_000 + " milliseconds (a day)");
            }
            nanos[i] = ms * 1_000_000;
        }
        return new CarrierDelays(nanos[0], nanos[1]);
    }

    /** {@code failoverOnBusyMs}: 0 (off), or whole milliseconds from 1 to an hour. */
    private static long failoverOnBusyMs(Dictionary<String, Object> properties) {
        long ms = whole(properties, "failoverOnBusyMs", 0);
        if (ms != 0 && (ms < BondSettings.MIN_FAILOVER_ON_BUSY_NANOS / 1_000_000
                || ms > BondSettings.MAX_FAILOVER_ON_BUSY_NANOS / 1_000_000)) {
            throw new IllegalArgumentException("bad failoverOnBusyMs '" + ms + "': 0 (off) or 1 to 3600000"
                    + " milliseconds");
        }
        return ms;
    }


    /** The load-based policy's thresholds, each checked against its range. */
    private static LoadBasedSettings loadBased(Dictionary<String, Object> properties) {
        long percent = whole(properties, "loadBasedThresholdPercent", LoadBasedSettings.DEFAULT_THRESHOLD_PERCENT);
        if (percent < LoadBasedSettings.MIN_THRESHOLD_PERCENT || percent > LoadBasedSettings.MAX_THRESHOLD_PERCENT) {
            throw new IllegalArgumentException("bad loadBasedThresholdPercent '" + percent + "': a whole percentage"
                    + " from " + LoadBasedSettings.MIN_THRESHOLD_PERCENT + " to "
                    + LoadBasedSettings.MAX_THRESHOLD_PERCENT);
        }
        long seconds = whole(properties, "loadBasedWindowSeconds", LoadBasedSettings.DEFAULT_WINDOW_SECONDS);
        if (seconds < LoadBasedSettings.MIN_WINDOW_SECONDS || seconds > LoadBasedSettings.MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException("bad loadBasedWindowSeconds '" + seconds + "': a whole number of"
                    + " seconds from " + LoadBasedSettings.MIN_WINDOW_SECONDS + " to "
                    + LoadBasedSettings.MAX_WINDOW_SECONDS);
        }
        return new LoadBasedSettings((int) percent, (int) seconds);
    }

    /** {@code arpTargets} as one string of addresses separated by commas (.cfg), or an array of them (.config). */
    private static ArpMonitorSettings arpMonitor(Dictionary<String, Object> properties) {
        Object targets = properties.get("arpTargets");
        long intervalMs = whole(properties, "arpIntervalMs", ArpMonitorSettings.DEFAULT_INTERVAL_NANOS / 1_000_000);
        if (intervalMs < 1 || intervalMs > Long.MAX_VALUE / 1_000_000) {
            throw new IllegalArgumentException("bad arpIntervalMs '" + intervalMs + "': 1 or more milliseconds");
        }
        long missedMax = whole(properties, "arpMissedMax", ArpMonitorSettings.DEFAULT_MISSED_MAX);
        if (missedMax < 1 || missedMax > 255) {
            throw new IllegalArgumentException("bad arpMissedMax '" + missedMax + "': 1 to 255 intervals");
        }
        String targetsText = targets instanceof String[] array ? String.join(",", array)
                : targets == null ? "" : targets.toString();
        Object validateValue = properties.get("arpValidate");
        Object allValue = properties.get("arpAllTargets");
        ArpValidate validate = validateValue == null ? ArpValidate.NONE
                : ArpValidate.parse("arpValidate", validateValue.toString());
        boolean allTargets = allValue != null && ArpMonitorSettings.parseAllTargets("arpAllTargets",
                allValue.toString());
        if (allTargets && !validate.validates(true) && !validate.validates(false)) {
            throw new IllegalArgumentException("bad arpAllTargets 'all' with arpValidate '" + validate.linuxName()
                    + "': all needs a validating mode (active, backup, all, filter_active or filter_backup)");
        }
        return new ArpMonitorSettings(ArpMonitorSettings.parseTargets(targetsText), intervalMs * 1_000_000,
                (int) missedMax, validate, allTargets);
    }

    /** A list of names (a .config file's array or collection), or one string of names separated by commas (.cfg). */
    private static List<String> nics(Dictionary<String, Object> properties) {
        Object value = properties.get("nics");
        List<String> nics;
        if (value == null) {
            nics = List.of();
        } else if (value instanceof String[] array) {
            nics = Arrays.asList(array);
        } else if (value instanceof Collection<?> collection) {
            nics = collection.stream().map(String::valueOf).toList();
        } else {
            String text = value.toString().trim();
            nics = text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s*,\\s*"));
        }
        String shown = String.join(",", nics.stream().map(String::valueOf).toList());
        Set<String> seen = new HashSet<>();
        for (String nic : nics) {
            if (nic == null || nic.isBlank()) {
                throw new IllegalArgumentException("bad nics '" + shown + "': NIC names, separated by commas, none"
                        + " empty");
            }
            if (!seen.add(nic)) {
                throw new IllegalArgumentException("bad nics '" + shown + "': NIC " + nic + " is named twice; each"
                        + " NIC once, in failover order");
            }
        }
        return nics;
    }

    private static LacpSettings lacp(Dictionary<String, Object> properties) {
        Object mode = properties.get("lacp");
        Object rate = properties.get("lacpRate");
        long fallbackMs = whole(properties, "lacpFallbackMs", 0);
        if (fallbackMs < 0 || fallbackMs > Long.MAX_VALUE / 1_000_000) {
            throw new IllegalArgumentException("bad lacpFallbackMs '" + fallbackMs + "': 0 (off) or more milliseconds");
        }
        return new LacpSettings(LacpSettings.parseMode(mode == null ? "off" : mode.toString()),
                LacpSettings.parseFastRate(rate == null ? "slow" : rate.toString()), fallbackMs * 1_000_000,
                (int) Math.min(Integer.MAX_VALUE, whole(properties, "lacpMinLinks", 1)));
    }

    private static long whole(Dictionary<String, Object> properties, String key, long absent) {
        Object value = properties.get(key);
        try {
            return value == null ? absent : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("bad " + key + " '" + value + "': a whole number expected");
        }
    }

    private static FailbackMode failbackMode(String value) {
        try {
            return FailbackMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad failback '" + value + "'; allowed: IMMEDIATE, DELAYED, MANUAL", e);
        }
    }
}
