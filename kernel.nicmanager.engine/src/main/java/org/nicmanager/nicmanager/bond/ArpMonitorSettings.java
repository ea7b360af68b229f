package org.nicmanager.nicmanager.bond;

import java.util.List;
import java.util.stream.Collectors;

import org.nicmanager.lib.frames.Ipv4Address;

/**
 * The ARP monitor of a bond, after Linux bonding's {@code arp_interval}, {@code arp_ip_target},
 * {@code arp_missed_max}, {@code arp_validate} and {@code arp_all_targets}: every interval each member with carrier asks
 * each target for its MAC, and a member that showed no life for {@code missedMax} intervals is UNREACHABLE; what counts
 * as life is {@link ArpValidate}'s. Carrier alone misses a broken path beyond the first switch (a cut uplink between
 * switches, a port that forwards nothing); the monitor finds it.
 *
 * @param targets IPv4 addresses to ask, as 32-bit values; empty: the monitor is off
 * @param intervalNanos time between two rounds of probes
 * @param missedMax intervals without life before a member is UNREACHABLE
 * @param validate which frames prove each member alive ({@code arp_validate}); {@link ArpValidate#NONE}, the default,
 *            counts any frame received
 * @param allTargets for a validated member, every target must have answered within the patience
 *            ({@code arp_all_targets all}); false: any one target is enough ({@code any}, the default). A member that
 *            is not validated lives by what it receives, whatever this says, as in Linux
 */
public record ArpMonitorSettings(List<Integer> targets, long intervalNanos, int missedMax, ArpValidate validate,
        boolean allTargets) {

    /** Linux bonding's limit on {@code arp_ip_target}. */
    public static final int MAX_TARGETS = 16;
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
    public static final int DEFAULT_MISSED_MAX = 2;

    public ArpMonitorSettings {
        targets = List.copyOf(targets);
        if (targets.size() > MAX_TARGETS) {
            throw new IllegalArgumentException(targets.size() + " ARP targets given; at most " + MAX_TARGETS);
        }
        for (int target : targets) {
            if (target == 0 || target == -1) {
                throw new IllegalArgumentException("bad ARP target " + Ipv4Address.format(target)
                        + ": a host's IPv4 address is needed, not 0.0.0.0 or 255.255.255.255");
            }
        }
        if (intervalNanos < 1_000_000) {
            throw new IllegalArgumentException("bad ARP interval " + intervalNanos + " ns: at least 1 ms");
        }
        if (missedMax < 1 || missedMax > 255) {
            throw new IllegalArgumentException("bad ARP missed-max " + missedMax + ": 1 to 255 intervals");
        }
        if (validate == null) {
            throw new IllegalArgumentException("no ARP validation given; expected " + ArpValidate.names());
        }
    }

    /** Linux's defaults: no validation, any target. */
    public ArpMonitorSettings(List<Integer> targets, long intervalNanos, int missedMax) {
        this(targets, intervalNanos, missedMax, ArpValidate.NONE, false);
    }

    public ArpMonitorSettings withValidation(ArpValidate mode, boolean everyTarget) {
        return new ArpMonitorSettings(targets, intervalNanos, missedMax, mode, everyTarget);
    }

    /** {@code any} or {@code all}, as {@code --arp-all-targets} takes it. */
    public String allTargetsName() {
        return allTargets ? "all" : "any";
    }

    /**
     * {@code any} (or 0) and {@code all} (or 1), as Linux takes {@code arp_all_targets}: true for all.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static boolean parseAllTargets(String option, String text) {
        String given = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (given) {
            case "any", "0" -> false;
            case "all", "1" -> true;
            default -> throw new IllegalArgumentException("bad " + option + " '" + text + "': expected any|all");
        };
    }

    public static ArpMonitorSettings off() {
        return new ArpMonitorSettings(List.of(), DEFAULT_INTERVAL_NANOS, DEFAULT_MISSED_MAX);
    }

    public boolean on() {
        return !targets.isEmpty();
    }

    /** The targets as {@code a.b.c.d,...}; empty when off. */
    public String targetsText() {
        return targets.stream().map(Ipv4Address::format).collect(Collectors.joining(","));
    }

    /** {@code a.b.c.d,...} to targets; the empty text is none. */
    public static List<Integer> parseTargets(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::trim)
                .map(target -> Ipv4Address.parse("ARP target", target)).toList();
    }
}
