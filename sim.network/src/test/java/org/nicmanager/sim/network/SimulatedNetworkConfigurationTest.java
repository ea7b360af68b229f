package org.nicmanager.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.sim.network.model.SimSettings;

/** Every value of the simulated network's configuration is checked against both its bounds (issue 13). */
class SimulatedNetworkConfigurationTest {

    /** The config annotation as DS builds it: configured values, else the defaults. */
    private static SimulatedNetworkConfiguration.Config config(Map<String, Object> properties) {
        return (SimulatedNetworkConfiguration.Config) Proxy.newProxyInstance(
                SimulatedNetworkConfiguration.Config.class.getClassLoader(),
                new Class<?>[] {SimulatedNetworkConfiguration.Config.class}, (proxy, method, args) -> {
                    Object value = properties.get(method.getName());
                    return value == null ? method.getDefaultValue() : convert(method, value);
                });
    }

    private static Object convert(Method method, Object value) {
        String text = value.toString();
        return method.getReturnType() == int.class ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
    }

    private static WorldSettings settings(String key, Object value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(key, value);
        return SimulatedNetworkConfiguration.settings(config(properties), properties);
    }

    @Test
    void theDefaultsAreTheModelsOwn() {
        Map<String, Object> none = Map.of();
        assertEquals(new WorldSettings(SimSettings.defaults(), 1),
                SimulatedNetworkConfiguration.settings(config(none), none));
    }

    @Test
    void eachValueIsCheckedAgainstBothBounds() {
        Object[][] cases = {
            {"cablePropagationDelayNanos", -1L, 1_000_000_001L},
            {"macAgingSeconds", 0L, 1_000_001L},
            {"switchEgressQueueFrames", 0, 65_537},
            {"poolBuffers", 0, Integer.MAX_VALUE},
            {"defaultHostLinkBps", 0L, 400_000_000_001L},
            {"maxSwitches", 0, 65_537},
            {"maxSwitchPorts", 0, 1_048_577},
            {"maxHosts", 0, 65_537},
        };
        for (Object[] bad : cases) {
            String key = (String) bad[0];
            for (int i = 1; i < bad.length; i++) {
                Object value = bad[i];
                ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> settings(key, value),
                        key + " = " + value);
                assertEquals(key, refused.key());
                assertEquals(value.toString(), refused.value());
            }
        }
        assertEquals("seed", assertThrows(ConfigurationRefused.class, () -> settings("seed", "lucky")).key());
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertEquals(131_072, settings("poolBuffers", 131_072).model().poolBuffers());
        assertEquals(1, settings("poolBuffers", 1).model().poolBuffers());
        assertEquals(65_536, settings("maxSwitches", 65_536).model().limits().maxSwitches());
    }
}
