package org.nicmanager.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;

/** The kernel's configuration is checked against both bounds before a kernel is stopped or started on it. */
class KernelSettingsTest {

    private static final String PATH = "/srv/host/conf/org.nicmanager.kernel.cfg";
    private static final String FILE = "file:" + PATH;

    /** The config annotation as DS would build it from {@code properties}, converting as DS does. */
    private static KernelConfiguration.Config config(Map<String, Object> properties) {
        return (KernelConfiguration.Config) Proxy.newProxyInstance(KernelConfiguration.Config.class.getClassLoader(),
                new Class<?>[] {KernelConfiguration.Config.class}, (proxy, method, args) -> {
                    Object value = properties.get(method.getName());
                    return switch (method.getName()) {
                        case "clockMode" -> value == null ? ClockMode.VIRTUAL : ClockMode.valueOf(value.toString());
                        case "actionTimeoutMs" -> value == null ? KernelConfiguration.DEFAULT_ACTION_TIMEOUT_MS
                                : Long.parseLong(value.toString());
                        case "seed" -> value == null ? KernelConfiguration.DEFAULT_SEED : Long.parseLong(value.toString());
                        case "controlSliceMs" -> value == null ? KernelConfiguration.DEFAULT_CONTROL_SLICE_MS
                                : Long.parseLong(value.toString());
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static KernelConfiguration.Settings settings(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationFiles.FILE_MARK, FILE);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return KernelConfiguration.Settings.of(config(properties), properties);
    }

    @Test
    void goodValuesAreTaken() {
        assertEquals(new KernelConfiguration.Settings(ClockMode.REAL, 100, 7, 3), settings("clockMode", "REAL",
                "actionTimeoutMs", 100L, "seed", 7L, "controlSliceMs", 3L));
        assertEquals(KernelConfiguration.Settings.DEFAULTS, settings());
    }

    @Test
    void aZeroActionTimeoutIsRefusedNamingTheFile() {
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> settings("actionTimeoutMs", 0L));
        assertEquals("configuration org.nicmanager.kernel (" + PATH + ") refused: actionTimeoutMs = 0 is not allowed;"
                + " allowed: a whole number from 100 to 86400000; the settings in force stay", refused.getMessage());
    }

    @Test
    void bothBoundsOfEveryValueAreChecked() {
        assertEquals("actionTimeoutMs", assertThrows(ConfigurationRefused.class,
                () -> settings("actionTimeoutMs", 86_400_001L)).key());
        assertEquals("actionTimeoutMs", assertThrows(ConfigurationRefused.class,
                () -> settings("actionTimeoutMs", 99L)).key());
        assertEquals("actionTimeoutMs", assertThrows(ConfigurationRefused.class,
                () -> settings("actionTimeoutMs", "soon")).key());
        ConfigurationRefused clock = assertThrows(ConfigurationRefused.class, () -> settings("clockMode", "SUNDIAL"));
        assertEquals("one of [REAL, VIRTUAL]", clock.allowed());
        assertEquals("seed", assertThrows(ConfigurationRefused.class, () -> settings("seed", "lucky")).key());
        assertEquals("controlSliceMs", assertThrows(ConfigurationRefused.class,
                () -> settings("controlSliceMs", 0L)).key());
        assertEquals("controlSliceMs", assertThrows(ConfigurationRefused.class,
                () -> settings("controlSliceMs", 10_001L)).key());
    }
}
