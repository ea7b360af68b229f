package org.nicmanager.nicmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.ArpValidate;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;

/**
 * The {@code bond:create} options: what each takes, and each refusal word for word (the console and the itests show
 * these messages to operators).
 */
class BondOptionsTest {

    private static final String ABSENT = BondCommands.ABSENT;

    @Test
    void failbackModes() {
        assertEquals(FailbackMode.IMMEDIATE, BondOptions.settings("immediate").failback());
        assertEquals(FailbackMode.MANUAL, BondOptions.settings("manual").failback());
        assertEquals(5_000_000_000L, BondOptions.settings("delayed:5s").failbackHoldDownNanos());
        refused("unknown failback 'soon'; allowed: immediate, manual, delayed:DURATION (e.g. delayed:5s)",
                () -> BondOptions.settings("soon"));
        refused("bad --failback 'delayed:soon': immediate, manual, delayed:DURATION (e.g. delayed:5s)",
                () -> BondOptions.settings("delayed:soon"));
    }

    @Test
    void lacpOptionsNeedLacpAndAreChecked() {
        assertFalse(BondOptions.lacpSettings("off", ABSENT, ABSENT, ABSENT).negotiates());
        LacpSettings lacp = BondOptions.lacpSettings("active", "fast", "10s", "2");
        assertTrue(lacp.negotiates());
        assertEquals(10_000_000_000L, lacp.fallbackNanos());
        assertEquals(2, lacp.minLinks());
        refused("--lacp-fallback 10s needs LACP (--lacp active or passive), not --lacp static",
                () -> BondOptions.lacpSettings("static", ABSENT, "10s", ABSENT));
        refused("--min-links 2 needs LACP (--lacp active or passive), not --lacp off",
                () -> BondOptions.lacpSettings("off", ABSENT, ABSENT, "2"));
        refused("bad --lacp-fallback 'soon': a duration such as 10s, or off",
                () -> BondOptions.lacpSettings("active", ABSENT, "soon", ABSENT));
        refused("bad --lacp-fallback '0s': a duration above zero, or off",
                () -> BondOptions.lacpSettings("active", ABSENT, "0s", ABSENT));
        for (String bad : new String[] {"0", "33", "two"}) {
            refused("bad --min-links '" + bad + "': a whole number from 1 to 32",
                    () -> BondOptions.lacpSettings("passive", ABSENT, ABSENT, bad));
        }
    }

    @Test
    void arpMonitorOptionsNeedTargetsAndAreChecked() {
        assertFalse(BondOptions.arpMonitor(ABSENT, ABSENT, ABSENT).on());
        ArpMonitorSettings monitor = BondOptions.arpMonitor("10.0.0.1", "500ms", "3");
        assertEquals(500_000_000L, monitor.intervalNanos());
        assertEquals(3, monitor.missedMax());
        refused("--arp-interval 500ms needs --arp-target", () -> BondOptions.arpMonitor(ABSENT, "500ms", ABSENT));
        refused("--arp-missed 3 needs --arp-target", () -> BondOptions.arpMonitor(ABSENT, ABSENT, "3"));
        refused("bad --arp-interval 'often': a duration such as 500ms",
                () -> BondOptions.arpMonitor("10.0.0.1", "often", ABSENT));
        refused("bad --arp-missed 'x': a whole number from 1 to 255",
                () -> BondOptions.arpMonitor("10.0.0.1", ABSENT, "x"));
    }

    @Test
    void arpValidationNeedsTargetsAndAValidatingModeForAll() {
        ArpMonitorSettings on = BondOptions.arpMonitor("10.0.0.1", ABSENT, ABSENT);
        assertEquals(ArpValidate.NONE, BondOptions.arpValidation(on, ABSENT, ABSENT).validate());
        assertEquals("all", BondOptions.arpValidation(on, "active", "all").allTargetsName());
        refused("--arp-validate active needs --arp-target",
                () -> BondOptions.arpValidation(ArpMonitorSettings.off(), "active", ABSENT));
        refused("--arp-all-targets all needs --arp-target",
                () -> BondOptions.arpValidation(ArpMonitorSettings.off(), ABSENT, "all"));
        refused("--arp-all-targets all needs a validating --arp-validate (active, backup, all, filter_active or"
                + " filter_backup), not filter: a member that is not validated lives by what it receives, whatever"
                + " the targets answer", () -> BondOptions.arpValidation(on, "filter", "all"));
    }

    @Test
    void carrierDelays() {
        assertEquals(0, BondOptions.carrierDelay("--updelay", ABSENT));
        assertEquals(0, BondOptions.carrierDelay("--updelay", "0"));
        assertEquals(2_000_000_000L, BondOptions.carrierDelay("--updelay", "2s"));
        refused("bad --downdelay 'later': a duration such as 200ms or 2s, 0 for none",
                () -> BondOptions.carrierDelay("--downdelay", "later"));
        refused("bad --updelay '25h': from 0 to 24h", () -> BondOptions.carrierDelay("--updelay", "25h"));
    }

    @Test
    void loadBasedOptionsNeedTheLoadBasedPolicyAndAreChecked() {
        LoadBasedSettings defaults = BondOptions.loadBased(Policies.LOAD_BASED, ABSENT, ABSENT);
        assertEquals(LoadBasedSettings.DEFAULT_THRESHOLD_PERCENT, defaults.thresholdPercent());
        LoadBasedSettings given = BondOptions.loadBased(Policies.LOAD_BASED, "60", "2m");
        assertEquals(60, given.thresholdPercent());
        assertEquals(120, given.windowSeconds());
        refused("--load-based-window 30s needs --policy load-based, not per-vm",
                () -> BondOptions.loadBased(Policies.PER_VM, ABSENT, "30s"));
        for (String bad : new String[] {"0", "100", "most"}) {
            refused("bad --load-based-threshold-percent '" + bad + "': a whole percentage from 1 to 99",
                    () -> BondOptions.loadBased(Policies.LOAD_BASED, bad, ABSENT));
        }
        for (String bad : new String[] {"1500ms", "0s", "2h", "long"}) {
            refused("bad --load-based-window '" + bad + "': a whole number of seconds from 1s to 1h, e.g. 30s",
                    () -> BondOptions.loadBased(Policies.LOAD_BASED, ABSENT, bad));
        }
    }

    private static void refused(String message, Executable parse) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, parse).getMessage());
    }
}
