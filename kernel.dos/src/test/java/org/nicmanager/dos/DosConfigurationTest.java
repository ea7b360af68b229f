package org.nicmanager.dos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.dos.engine.EngineSettings;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vm.MigrationService;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.testsupport.AlerterTestDouble;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.event.Event;

/**
 * The DoS defence's own configuration ({@value DosDefenceComponent#PID}) and the VMs' policy configurations, written by
 * hand: every value is checked against both its bounds, and a bad one is refused with one log line and one event
 * naming the file, the key, the value and what is allowed, while the settings in force stay.
 */
class DosConfigurationTest {

    private static final String PATH = "/srv/nicmgr/conf/org.nicmanager.dos.cfg";

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 1_000_000_000L, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final List<String> errors = new ArrayList<>();
    private final List<Event> posted = new ArrayList<>();

    @AfterEach
    void close() {
        world.close();
    }

    /** A service the tests here never call. */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    @SuppressWarnings("unchecked")
    private DosDefenceComponent defence(Map<String, Object> properties) {
        return new DosDefenceComponent(TestDoubles.config(DosDefenceComponent.Config.class, properties), properties,
                world, world, unused(VmManager.class), unused(ComponentServiceObjects.class),
                unused(MigrationService.class),
                new AlerterTestDouble(world::nanoTime), unused(NicInventory.class),
                new TestDoubles.ConfigurationAdminDouble().admin(), unused(NameDirectory.class),
                TestDoubles.events(posted), TestDoubles.logger(errors));
    }

    private static Map<String, Object> fromFile(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationFiles.FILE_MARK, "file:" + PATH);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static void modify(DosDefenceComponent defence, Map<String, Object> properties) {
        defence.modified(TestDoubles.config(DosDefenceComponent.Config.class, properties), properties);
    }

    @Test
    void aBadValueIsRefusedNamingFileKeyValueAndWhatIsAllowedAndTheSettingsStay() {
        DosDefenceComponent defence = defence(fromFile("evaluationPeriodMs", 20L));
        assertEquals(20L, defence.settings().evaluationPeriodMs());

        modify(defence, fromFile("evaluationPeriodMs", 5L, "historyDetections", "lots"));

        assertEquals(new EngineSettings(20, EngineSettings.DEFAULT_END_AFTER_QUIET_MS,
                EngineSettings.DEFAULT_HISTORY_DETECTIONS, EngineSettings.DEFAULT_SUSPEND_BELOW_PRIORITY),
                defence.settings(), "the last good settings, whole");
        assertEquals(List.of("configuration org.nicmanager.dos (" + PATH + ") refused: historyDetections = \"lots\""
                + " is not allowed; allowed: a whole number from 1 to 100000; the settings in force stay"), errors);
        assertEquals(1, posted.size());
        Event refused = posted.get(0);
        assertEquals(ConfigurationRefused.TOPIC, refused.getTopic());
        assertEquals(DosDefenceComponent.PID, refused.getProperty("pid"));
        assertEquals(PATH, refused.getProperty("file"));
        assertEquals("historyDetections", refused.getProperty("key"));
        assertEquals("\"lots\"", refused.getProperty("value"));
        assertEquals("a whole number from 1 to 100000", refused.getProperty("allowed"));
    }

    @Test
    void bothBoundsOfEveryValueAreChecked() {
        DosDefenceComponent defence = defence(Map.of());
        Object[][] bad = {{"evaluationPeriodMs", 0L},
            {"evaluationPeriodMs", EngineSettings.MAX_EVALUATION_PERIOD_MS + 1},
            {"endAfterQuietMs", -1L}, {"endAfterQuietMs", EngineSettings.MAX_END_AFTER_QUIET_MS + 1},
            {"historyDetections", 0}, {"historyDetections", EngineSettings.MAX_HISTORY_DETECTIONS + 1},
            {"suspendBelowPriority", -1}, {"suspendBelowPriority", 11}};
        for (Object[] value : bad) {
            modify(defence, fromFile(value));
            assertEquals(value[0], posted.get(posted.size() - 1).getProperty("key"));
        }
        assertEquals(bad.length, posted.size());
        assertEquals(EngineSettings.DEFAULTS, defence.settings());
        modify(defence, fromFile("evaluationPeriodMs", EngineSettings.MAX_EVALUATION_PERIOD_MS, "endAfterQuietMs", 0L,
                "historyDetections", EngineSettings.MAX_HISTORY_DETECTIONS, "suspendBelowPriority", 10));
        assertEquals(new EngineSettings(EngineSettings.MAX_EVALUATION_PERIOD_MS, 0,
                EngineSettings.MAX_HISTORY_DETECTIONS, 10), defence.settings(), "the bounds themselves are allowed");
        modify(defence, fromFile("suspendBelowPriority", 0));
        assertEquals(0, defence.settings().suspendBelowPriority(), "0: the suspend response suspends none");
    }

    @Test
    void aBadSuspendBoundIsRefusedNamingTheAllowedPriorities() {
        DosDefenceComponent defence = defence(fromFile("suspendBelowPriority", 3));
        assertEquals(3, defence.settings().suspendBelowPriority());
        modify(defence, fromFile("suspendBelowPriority", "low"));
        assertEquals(3, defence.settings().suspendBelowPriority(), "the setting in force stays");
        assertEquals(List.of("configuration org.nicmanager.dos (" + PATH + ") refused: suspendBelowPriority = \"low\""
                + " is not allowed; allowed: a whole number from 0 to 10; the settings in force stay"), errors);
        assertEquals(EngineSettings.DEFAULT_SUSPEND_BELOW_PRIORITY, defence(Map.of()).settings()
                .suspendBelowPriority(), "by default VMs below the default priority, 5");
    }

    @Test
    void aBadValueAtStartLeavesTheDefaults() {
        DosDefenceComponent defence = defence(fromFile("evaluationPeriodMs", 0L));
        assertEquals(EngineSettings.DEFAULTS, defence.settings());
        assertEquals(1, posted.size());
        assertEquals(errors.get(0), "configuration org.nicmanager.dos (" + PATH + ") refused: evaluationPeriodMs = 0"
                + " is not allowed; allowed: a whole number from 1 to 60000; the settings in force stay (at start: the"
                + " defaults)");
    }

    @Test
    void aPolicyConfigurationIsCheckedValueByValue() {
        Map<String, Object> good = policy("vm1", "responses", new String[] {"hold", "failover"}, "alternateUplink",
                "bond1");
        PolicyConfiguration.Read read = PolicyConfiguration.read(TestDoubles.config(PolicyConfiguration.Config.class,
                good), good);
        assertEquals("vm1", read.vm());
        assertEquals(List.of(DosResponse.HOLD_INTERRUPTS, DosResponse.FAIL_OVER), read.policy().responses());

        ConfigurationRefused refused = refusal(policy("vm1", "assessmentWindowMs", "soon"));
        assertEquals("org.nicmanager.dos.policy~vm1", refused.pid());
        assertEquals("/srv/nicmgr/conf/org.nicmanager.dos.policy-vm1.cfg", refused.file());
        assertEquals("assessmentWindowMs", refused.key());
        assertEquals("\"soon\"", refused.value());
        assertEquals("a whole number from 1 to 10000", refused.allowed());

        assertEquals("vm", refusal(policy("bad vm")).key());
        assertEquals("responses", refusal(policy("vm1", "responses", new String[] {"pray"})).key());
        assertEquals("responses", refusal(policy("vm1", "responses", new String[] {"hold", "hold"})).key());
        assertEquals("assessmentWindowMs", refusal(policy("vm1", "assessmentWindowMs", 0L)).key());
        assertEquals("assessmentWindowMs", refusal(policy("vm1", "assessmentWindowMs", 10_001L)).key());
        assertEquals("escalateAfterMs", refusal(policy("vm1", "escalateAfterMs", -1L)).key());
        assertEquals("escalateAfterMs", refusal(policy("vm1", "escalateAfterMs", 86_400_001L)).key());
        assertEquals("restoreAfterQuietMs", refusal(policy("vm1", "restoreAfterQuietMs", -1L)).key());
        assertEquals("restoreAfterQuietMs", refusal(policy("vm1", "restoreAfterQuietMs", 86_400_001L)).key());
        assertEquals("alternateUplink", refusal(policy("vm1", "responses", new String[] {"failover"})).key());
        assertEquals("alternateUplink", refusal(policy("vm1", "alternateUplink", "bond 1")).key());
        assertEquals("migrationHost", refusal(policy("vm1", "responses", new String[] {"migrate"})).key());
        assertEquals("revision", refusal(policy("vm1", "revision", -1L)).key());
    }

    private static Map<String, Object> policy(String vm, Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", PolicyConfiguration.FACTORY_PID + "~vm1");
        properties.put(ConfigurationFiles.FILE_MARK, "file:/srv/nicmgr/conf/org.nicmanager.dos.policy-vm1.cfg");
        properties.put("vm", vm);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static ConfigurationRefused refusal(Map<String, Object> properties) {
        return assertThrows(ConfigurationRefused.class, () -> PolicyConfiguration.read(
                TestDoubles.config(PolicyConfiguration.Config.class, properties), properties), properties.toString());
    }
}
