package org.nicmanager.nicmanager.shell;

import static org.nicmanager.nicmanager.shell.BondCommands.ABSENT;

import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.ArpValidate;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * Parses and checks the options of {@code bond:create} and the bond setters. An absent option reads as
 * {@link BondCommands#ABSENT}; a bad one, or one given without the option it depends on, is refused in one line naming
 * the value and what is allowed (the itests compare these messages).
 */
final class BondOptions {

    private BondOptions() {
    }

    /** {@code immediate}, {@code manual} or {@code delayed:DURATION}. */
    static BondSettings settings(String failback) {
        BondSettings defaults = BondSettings.defaults();
        if (failback.equals("immediate")) {
            return defaults.withFailback(FailbackMode.IMMEDIATE, defaults.failbackHoldDownNanos());
        }
        if (failback.equals("manual")) {
            return defaults.withFailback(FailbackMode.MANUAL, defaults.failbackHoldDownNanos());
        }
        String allowed = "immediate, manual, delayed:DURATION (e.g. delayed:5s)";
        if (failback.startsWith("delayed:")) {
            return defaults.withFailback(FailbackMode.DELAYED,
                    duration("--failback", failback, failback.substring("delayed:".length()), allowed));
        }
        throw new IllegalArgumentException("unknown failback '" + failback + "'; allowed: " + allowed);
    }

    /** What {@code --lacp}, {@code --lacp-rate}, {@code --lacp-fallback} and {@code --min-links} say, checked. */
    static LacpSettings lacpSettings(String mode, String rate, String fallback, String minLinks) {
        LacpSettings off = LacpSettings.off();
        LacpSettings chosen = new LacpSettings(LacpSettings.parseMode(mode), false, 0, 1);
        if (!chosen.negotiates()) {
            requireAbsent("LACP (--lacp active or passive), not --lacp " + mode, "--lacp-rate", rate,
                    "--lacp-fallback", fallback, "--min-links", minLinks);
            return chosen.mode() == off.mode() ? off : chosen;
        }
        boolean fast = !rate.equals(ABSENT) && LacpSettings.parseFastRate(rate);
        long fallbackNanos = fallback.equals(ABSENT) || fallback.equals("off") ? 0 : lacpFallbackNanos(fallback);
        int links = minLinks.equals(ABSENT) ? 1 : minLinks(minLinks);
        return new LacpSettings(chosen.mode(), fast, fallbackNanos, links);
    }

    private static long lacpFallbackNanos(String text) {
        long nanos = duration("--lacp-fallback", text, "a duration such as 10s, or off");
        if (nanos <= 0) {
            throw refusal("--lacp-fallback", text, "a duration above zero, or off");
        }
        return nanos;
    }

    private static int minLinks(String text) {
        String allowed = "a whole number from 1 to " + LacpSettings.MAX_MIN_LINKS;
        int links = wholeNumber("--min-links", text, allowed);
        if (links < 1 || links > LacpSettings.MAX_MIN_LINKS) {
            throw refusal("--min-links", text, allowed);
        }
        return links;
    }

    /** What {@code --arp-target}, {@code --arp-interval} and {@code --arp-missed} say, checked. */
    static ArpMonitorSettings arpMonitor(String targets, String interval, String missed) {
        if (targets.equals(ABSENT)) {
            requireAbsent("--arp-target", "--arp-interval", interval, "--arp-missed", missed);
            return ArpMonitorSettings.off();
        }
        long intervalNanos = interval.equals(ABSENT) ? ArpMonitorSettings.DEFAULT_INTERVAL_NANOS
                : duration("--arp-interval", interval, "a duration such as 500ms");
        // ArpMonitorSettings checks the number's range
        int intervals = missed.equals(ABSENT) ? ArpMonitorSettings.DEFAULT_MISSED_MAX
                : wholeNumber("--arp-missed", missed, "a whole number from 1 to 255");
        return new ArpMonitorSettings(ArpMonitorSettings.parseTargets(targets), intervalNanos, intervals);
    }

    /**
     * What {@code --arp-validate} and {@code --arp-all-targets} add to the ARP monitor, checked: both need targets, and
     * {@code all} needs a mode that validates some member, since a member that is not validated lives by what it
     * receives, whatever the targets answer.
     */
    static ArpMonitorSettings arpValidation(ArpMonitorSettings monitor, String validate, String allTargets) {
        if (!monitor.on()) {
            requireAbsent("--arp-target", "--arp-validate", validate, "--arp-all-targets", allTargets);
            return monitor;
        }
        ArpValidate mode = validate.equals(ABSENT) ? ArpValidate.NONE : ArpValidate.parse("--arp-validate", validate);
        boolean all = !allTargets.equals(ABSENT) && ArpMonitorSettings.parseAllTargets("--arp-all-targets",
                allTargets);
        if (all && !mode.validates(true) && !mode.validates(false)) {
            throw new IllegalArgumentException("--arp-all-targets all needs a validating --arp-validate (active,"
                    + " backup, all, filter_active or filter_backup), not " + mode.linuxName() + ": a member that is"
                    + " not validated lives by what it receives, whatever the targets answer");
        }
        return monitor.withValidation(mode, all);
    }

    /** {@code --updelay} or {@code --downdelay}: a duration from 0 to a day; absent is 0. */
    static long carrierDelay(String option, String text) {
        if (text.equals(ABSENT) || text.trim().equals("0")) {
            return 0;
        }
        long nanos = duration(option, text, "a duration such as 200ms or 2s, 0 for none");
        if (nanos < 0 || nanos > CarrierDelays.MAX_NANOS) {
            throw refusal(option, text, "from 0 to 24h");
        }
        return nanos;
    }

    /** {@code --failover-on-busy} and {@code bond:busy}: {@code off}, or a duration from 1 ms to 1 h. */
    static long failoverOnBusyNanos(String text) {
        if (text.equals("off")) {
            return 0;
        }
        try {
            long nanos = TimeSpan.parse(text).nanos();
            BondSettings.checkFailoverOnBusy(nanos);
            if (nanos != 0) {
                return nanos;
            }
        } catch (IllegalArgumentException bad) {
            // answered below with what is allowed
        }
        throw refusal("failover-on-busy time", text, "off, or a duration from 1ms to 1h (e.g. 500ms)");
    }

    /** What {@code --load-based-threshold-percent} and {@code --load-based-window} say, checked. */
    static LoadBasedSettings loadBased(String policy, String percent, String window) {
        if (!Policies.LOAD_BASED.equals(policy)) {
            requireAbsent("--policy load-based, not " + policy, "--load-based-threshold-percent",
                    percent, "--load-based-window", window);
        }
        int thresholdPercent = LoadBasedSettings.DEFAULT_THRESHOLD_PERCENT;
        if (!percent.equals(ABSENT)) {
            String allowed = "a whole percentage from " + LoadBasedSettings.MIN_THRESHOLD_PERCENT + " to "
                    + LoadBasedSettings.MAX_THRESHOLD_PERCENT;
            thresholdPercent = wholeNumber("--load-based-threshold-percent", percent, allowed);
            if (thresholdPercent < LoadBasedSettings.MIN_THRESHOLD_PERCENT
                    || thresholdPercent > LoadBasedSettings.MAX_THRESHOLD_PERCENT) {
                throw refusal("--load-based-threshold-percent", percent, allowed);
            }
        }
        int windowSeconds = LoadBasedSettings.DEFAULT_WINDOW_SECONDS;
        if (!window.equals(ABSENT)) {
            String allowed = "a whole number of seconds from " + LoadBasedSettings.MIN_WINDOW_SECONDS
                    + "s to 1h, e.g. 30s";
            long nanos = duration("--load-based-window", window, allowed);
            if (nanos % TimeSpan.NANOS_PER_SECOND != 0
                    || nanos < LoadBasedSettings.MIN_WINDOW_SECONDS * TimeSpan.NANOS_PER_SECOND
                    || nanos > LoadBasedSettings.MAX_WINDOW_SECONDS * TimeSpan.NANOS_PER_SECOND) {
                throw refusal("--load-based-window", window, allowed);
            }
            windowSeconds = (int) (nanos / TimeSpan.NANOS_PER_SECOND);
        }
        return new LoadBasedSettings(thresholdPercent, windowSeconds);
    }

    /**
     * Refuses the first of {@code optionsAndValues} (pairs: option, value) that was given, since it takes effect only
     * with what {@code needs} says: {@code --arp-missed 3 needs --arp-target}.
     */
    private static void requireAbsent(String needs, String... optionsAndValues) {
        for (int option = 0; option < optionsAndValues.length; option += 2) {
            String value = optionsAndValues[option + 1];
            if (!value.equals(ABSENT)) {
                throw new IllegalArgumentException(optionsAndValues[option] + " " + value + " needs " + needs);
            }
        }
    }

    /** A duration, in ns; anything else is refused with {@code allowed}. */
    private static long duration(String option, String text, String allowed) {
        return duration(option, text, text, allowed);
    }

    /** {@code part} of the option's {@code text} is a duration; a refusal names the whole text. */
    private static long duration(String option, String text, String part, String allowed) {
        try {
            return TimeSpan.parse(part).nanos();
        } catch (IllegalArgumentException notADuration) {
            throw refusal(option, text, allowed);
        }
    }

    /** A whole number, spaces around it ignored; anything else is refused with {@code allowed}. */
    private static int wholeNumber(String option, String text, String allowed) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException notANumber) {
            throw refusal(option, text, allowed);
        }
    }

    /** The one-line refusal: {@code bad --min-links '0': a whole number from 1 to 32}. */
    private static IllegalArgumentException refusal(String option, String text, String allowed) {
        return new IllegalArgumentException("bad " + option + " '" + text + "': " + allowed);
    }
}
