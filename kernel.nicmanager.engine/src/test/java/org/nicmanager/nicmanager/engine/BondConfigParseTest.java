package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.ArpValidate;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.Policies;

/**
 * A bond's configuration as an operator writes it (a .cfg or .config file in conf/), checked like a command: each bad
 * value is refused by name, with what is allowed.
 */
class BondConfigParseTest {

    private static Hashtable<String, Object> properties(Object... pairs) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private static String refusal(Hashtable<String, Object> properties) {
        return assertThrows(IllegalArgumentException.class, () -> BondConfigParser.parse("bond0", properties))
                .getMessage();
    }

    @Test
    void aCfgFileGivesStringsAndItsNicsAreSeparatedByCommas() {
        BondConfig config = BondConfigParser.parse("bond0", properties("policy", "failover-order", "failback",
                "delayed", "failbackHoldDownMs", "750", "nics", " nic1, nic0 "));
        assertEquals(new BondConfig("bond0", Policies.FAILOVER_ORDER, FailbackMode.DELAYED, 750,
                List.of("nic1", "nic0"), config.lacp(), ArpMonitorSettings.off(), CarrierDelays.NONE, 0L,
                LoadBasedSettings.defaults()), config);
        ArpMonitorSettings monitor = BondConfigParser.parse("bond0", properties("arpTargets",
                "10.0.0.5, 10.0.1.5", "arpIntervalMs", "250", "arpMissedMax", "3")).arpMonitor();
        assertEquals("10.0.0.5,10.0.1.5", monitor.targetsText());
        assertEquals(250_000_000L, monitor.intervalNanos());
        assertEquals(3, monitor.missedMax());
        assertEquals(List.of(), BondConfigParser.parse("bond0", properties("nics", "")).nics());
        assertEquals(List.of("nic0", "nic1"), BondConfigParser.parse("bond0",
                properties("nics", List.of("nic0", "nic1"))).nics(), "a .config file's collection");
    }

    @Test
    void badArpMonitorSettingsAreRefusedByNameWithWhatIsAllowed() {
        assertEquals("bad ARP target '10.0.0': expected a dotted IPv4 address such as 10.0.0.7",
                refusal(properties("arpTargets", "10.0.0")));
        assertEquals("bad ARP target 0.0.0.0: a host's IPv4 address is needed, not 0.0.0.0 or 255.255.255.255",
                refusal(properties("arpTargets", "0.0.0.0")));
        assertEquals("bad arpIntervalMs '0': 1 or more milliseconds",
                refusal(properties("arpTargets", "10.0.0.5", "arpIntervalMs", "0")));
        assertEquals("bad arpMissedMax '0': 1 to 255 intervals",
                refusal(properties("arpTargets", "10.0.0.5", "arpMissedMax", "0")));
    }

    @Test
    void arpValidationAndCarrierDelaysAreReadWithLinuxsDefaults() {
        BondConfig defaults = BondConfigParser.parse("bond0", properties("arpTargets", "10.0.0.5"));
        assertEquals(ArpValidate.NONE, defaults.arpMonitor().validate());
        assertEquals(false, defaults.arpMonitor().allTargets());
        assertEquals(CarrierDelays.NONE, defaults.carrierDelays());
        BondConfig given = BondConfigParser.parse("bond0", properties("arpTargets", "10.0.0.5,10.0.0.6",
                "arpValidate", "filter_backup", "arpAllTargets", "all", "updelayMs", "2000", "downdelayMs", 200L));
        assertEquals(ArpValidate.FILTER_BACKUP, given.arpMonitor().validate());
        assertEquals(true, given.arpMonitor().allTargets());
        assertEquals(new CarrierDelays(2_000_000_000L, 200_000_000L), given.carrierDelays());
        assertEquals(given.carrierDelays(), given.settings().carrierDelays());
        assertEquals(given.arpMonitor(), given.settings().arpMonitor());
    }

    @Test
    void badArpValidationAndCarrierDelaysAreRefusedByName() {
        assertEquals("bad arpValidate 'strict': expected none|active|backup|all|filter|filter_active|filter_backup",
                refusal(properties("arpTargets", "10.0.0.5", "arpValidate", "strict")));
        assertEquals("bad arpAllTargets 'most': expected any|all",
                refusal(properties("arpTargets", "10.0.0.5", "arpAllTargets", "most")));
        assertEquals("bad arpAllTargets 'all' with arpValidate 'filter': all needs a validating mode (active, backup,"
                + " all, filter_active or filter_backup)",
                refusal(properties("arpTargets", "10.0.0.5", "arpValidate", "filter", "arpAllTargets", "all")));
        assertEquals("bad updelayMs '-1': 0 to 86400000 milliseconds (a day)", refusal(properties("updelayMs", -1L)));
        assertEquals("bad downdelayMs 'soon': a whole number expected", refusal(properties("downdelayMs", "soon")));
    }

    @Test
    void badValuesAreRefusedByNameWithWhatIsAllowed() {
        // A policy's name is checked against the policy services offered when the bond is made (BondTableTest).
        assertEquals("bad failback 'sometimes'; allowed: IMMEDIATE, DELAYED, MANUAL",
                refusal(properties("failback", "sometimes")));
        assertEquals("bad failbackHoldDownMs 'soon': a whole number expected",
                refusal(properties("failbackHoldDownMs", "soon")));
        assertEquals("bad failbackHoldDownMs '-5': 0 or more milliseconds",
                refusal(properties("failbackHoldDownMs", -5L)));
        assertEquals("bad nics 'nic0,nic0': NIC nic0 is named twice; each NIC once, in failover order",
                refusal(properties("nics", new String[] {"nic0", "nic0"})));
        assertEquals("bad nics 'nic0,': NIC names, separated by commas, none empty",
                refusal(properties("nics", new String[] {"nic0", ""})));
        assertEquals("bad failoverOnBusyMs '3600001': 0 (off) or 1 to 3600000 milliseconds",
                refusal(properties("failoverOnBusyMs", 3_600_001L)));
        assertEquals("bad failoverOnBusyMs '-1': 0 (off) or 1 to 3600000 milliseconds",
                refusal(properties("failoverOnBusyMs", "-1")));
        assertEquals("bad failoverOnBusyMs 'soon': a whole number expected",
                refusal(properties("failoverOnBusyMs", "soon")));
        assertEquals(Long.valueOf(250), BondConfigParser.parse("bond0", properties("failoverOnBusyMs", "250"))
                .failoverOnBusyMs());
        assertEquals(250_000_000L, BondConfigParser.parse("bond0", properties("failoverOnBusyMs", 250L))
                .settings().failoverOnBusyNanos());
    }

    @Test
    void noPolicyLeavesItToTheNicManagerReadingTheConfiguration() {
        BondConfig absent = BondConfigParser.parse("bond0", properties("nics", "nic0"));
        BondConfig empty = BondConfigParser.parse("bond0", properties("policy", "", "nics", "nic0"));

        assertNull(absent.policy());
        assertNull(empty.policy(), "the metatype's default: empty");
        assertEquals(Policies.PER_VM, absent.withPolicyIfAbsent(Policies.PER_VM).policy());
        assertEquals(Policies.HASH_L34, BondConfigParser.parse("bond0", properties("policy", "hash-l34"))
                .withPolicyIfAbsent(Policies.PER_VM).policy(), "a policy given stays");
    }

    @Test
    void theLoadBasedThresholdsAreReadAndCheckedAgainstTheirRanges() {
        assertEquals(new LoadBasedSettings(80, 60), BondConfigParser.parse("bond0", properties(
                "loadBasedThresholdPercent", "80", "loadBasedWindowSeconds", 60)).loadBased());
        assertEquals(LoadBasedSettings.defaults(), BondConfigParser.parse("bond0", properties()).loadBased());
        assertEquals("bad loadBasedThresholdPercent '100': a whole percentage from 1 to 99",
                refusal(properties("loadBasedThresholdPercent", 100)));
        assertEquals("bad loadBasedThresholdPercent '0': a whole percentage from 1 to 99",
                refusal(properties("loadBasedThresholdPercent", "0")));
        assertEquals("bad loadBasedThresholdPercent 'most': a whole number expected",
                refusal(properties("loadBasedThresholdPercent", "most")));
        assertEquals("bad loadBasedWindowSeconds '0': a whole number of seconds from 1 to 3600",
                refusal(properties("loadBasedWindowSeconds", 0)));
        assertEquals("bad loadBasedWindowSeconds '3601': a whole number of seconds from 1 to 3600",
                refusal(properties("loadBasedWindowSeconds", "3601")));
    }
}
