package org.nicmanager.vmmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.testsupport.InlineWorld;
import org.nicmanager.testsupport.VmManagerTestDouble;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * The bottleneck reaction's configuration ({@value BottleneckComponent#PID}) written by hand: every value is checked
 * against both its bounds, and a bad one (a word where a number belongs, an unknown policy) is refused with one log
 * line and one event naming the file, the key, the value and what is allowed, while the policy and period in force
 * stay.
 */
class BottleneckConfigurationTest {

    private static final String PATH = "/srv/nicmgr/conf/org.nicmanager.vm.bottleneck.cfg";
    private static final long MS = 1_000_000L;

    private final List<String> errors = new ArrayList<>();
    private final List<Event> posted = new ArrayList<>();

    private static <T> T fake(Class<T> type, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE
                        : method.getReturnType().isInstance(answer) ? answer : null));
    }

    /** A configuration annotation whose value fails, as DS's conversion does, when it does not fit its type. */
    private static BottleneckComponent.Config config(Map<String, Object> values) {
        return (BottleneckComponent.Config) Proxy.newProxyInstance(BottleneckComponent.Config.class.getClassLoader(),
                new Class<?>[] {BottleneckComponent.Config.class}, (proxy, method, args) -> {
                    Object value = values.get(method.getName());
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    if (type == long.class && value instanceof Long || type.isInstance(value)) {
                        return value;
                    }
                    if (type.isEnum() && value instanceof String name) {
                        for (Object constant : type.getEnumConstants()) {
                            if (((Enum<?>) constant).name().equals(name)) {
                                return constant;
                            }
                        }
                    }
                    throw new IllegalArgumentException("cannot convert " + value + " to " + type);
                });
    }

    private BottleneckComponent component(Map<String, Object> properties) {
        Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error")) {
                        errors.add(((String) args[0]).replace("{}", String.valueOf(args[1])));
                    }
                    return null;
                });
        EventAdmin events = (EventAdmin) Proxy.newProxyInstance(EventAdmin.class.getClassLoader(),
                new Class<?>[] {EventAdmin.class}, (proxy, method, args) -> {
                    posted.add((Event) args[0]);
                    return null;
                });
        return new BottleneckComponent(config(properties), properties, new InlineWorld(),
                fake(KernelScheduler.class, fake(Timer.class, null)), new VmManagerTestDouble(),
                fake(Alerter.class, null), fake(NicInventory.class, null), fake(ConfigurationAdmin.class, null), events,
                logger);
    }

    private static Map<String, Object> fromFile(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationFiles.FILE_MARK, "file:" + PATH);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static void modify(BottleneckComponent component, Map<String, Object> properties) {
        component.configured(config(properties), properties);
    }

    @Test
    void aBadValueIsRefusedNamingFileKeyValueAndWhatIsAllowedAndTheSettingsStay() {
        BottleneckComponent component = component(fromFile("policy", "SUSPEND_BY_PRIORITY", "checkPeriodMs", 20L));

        modify(component, fromFile("policy", "NEVER", "checkPeriodMs", "lots"));

        assertEquals(BottleneckPolicy.SUSPEND_BY_PRIORITY, component.policy(), "the last good policy stays");
        assertEquals(20 * MS, component.checkPeriodNanos(), "and so does the period");
        assertEquals(List.of("configuration org.nicmanager.vm.bottleneck (" + PATH + ") refused: checkPeriodMs ="
                + " \"lots\" is not allowed; allowed: a whole number from 1 to 60000; the settings in force stay"),
                errors);
        assertEquals(1, posted.size());
        Event refused = posted.get(0);
        assertEquals(ConfigurationRefused.TOPIC, refused.getTopic());
        assertEquals(BottleneckComponent.PID, refused.getProperty("pid"));
        assertEquals(PATH, refused.getProperty("file"));
        assertEquals("checkPeriodMs", refused.getProperty("key"));
        assertEquals("\"lots\"", refused.getProperty("value"));
        assertEquals("a whole number from 1 to 60000", refused.getProperty("allowed"));
    }

    @Test
    void bothBoundsOfEveryValueAreChecked() {
        BottleneckComponent component = component(Map.of());
        Object[][] bad = {{"policy", "SOMETIMES"}, {"checkPeriodMs", 0L},
            {"checkPeriodMs", BottleneckComponent.MAX_CHECK_PERIOD_MS + 1}, {"demandWindowMs", 0L},
            {"demandWindowMs", BottleneckComponent.MAX_DEMAND_WINDOW_MS + 1}, {"revision", -1L}};
        for (Object[] value : bad) {
            modify(component, fromFile(value));
            assertEquals(value[0], posted.get(posted.size() - 1).getProperty("key"));
        }
        assertEquals(bad.length, posted.size(), String.valueOf(errors));
        assertEquals("one of [NEVER, SUSPEND_BY_PRIORITY, ALERT_ONLY]", posted.get(0).getProperty("allowed"));
        assertEquals(BottleneckPolicy.ALERT_ONLY, component.policy());
        assertEquals(BottleneckComponent.DEFAULT_CHECK_PERIOD_MS * MS, component.checkPeriodNanos());

        modify(component, fromFile("checkPeriodMs", BottleneckComponent.MAX_CHECK_PERIOD_MS, "policy", "NEVER"));
        assertEquals(BottleneckComponent.MAX_CHECK_PERIOD_MS * MS, component.checkPeriodNanos(),
                "the bound is allowed");
        assertEquals(BottleneckPolicy.NEVER, component.policy());
    }
}
