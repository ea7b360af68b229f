package org.nicmanager.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.StoredAllocation;
import org.nicmanager.resource.scheduler.LineRateUplinkDouble;
import org.nicmanager.testsupport.InlineWorld;
import org.nicmanager.testsupport.ManualScheduler;
import org.nicmanager.testsupport.VmManagerTestDouble;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * The OSGi components outside a framework: the resource manager writes net:alloc's allocation to ConfigAdmin as a
 * named factory configuration, an allocation configuration reaches the engine, VM events suspend a VM.
 */
class ComponentsTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final Map<String, Dictionary<String, Object>> saved = new HashMap<>();
    private final List<Event> posted = new ArrayList<>();
    private final VmManagerTestDouble vms = new VmManagerTestDouble().running("web", 6);

    @Test
    void aDeletedVmTakesItsAllocationWithIt() {
        ResourceManagerComponent component = component(defaults());
        component.allocate("web", new AllocationChange(2500, null, null, null, null, null, null, null));
        assertNotNull(saved.get(AllocationConfiguration.FACTORY_PID + "~web"));

        VmInfo deleted = vms.vm("web").orElseThrow();
        vms.delete("web");
        component.deleted(deleted);
        assertFalse(saved.containsKey(AllocationConfiguration.FACTORY_PID + "~web"), "its configuration is deleted");

        vms.create("web", 6);
        assertEquals(ResourceSettings.DEFAULT_SHARES, component.show("web").shares(),
                "a new VM of the same name starts from the defaults");
    }

    @Test
    void netAllocIsInForceAndSavedAsTheVmsFactoryConfiguration() {
        ResourceManagerComponent component = component(defaults());
        LineRateUplinkDouble bond = new LineRateUplinkDouble(clock, 1_000_000_000L);
        UplinkScheduler scheduler = component.open("bond0", bond);
        bond.attach(scheduler);
        scheduler.connect(3, "web");

        AllocationView view = component.allocate("web", new AllocationChange(2500, null, null, null, null, null, null,
                null));
        assertEquals(2500, view.shares());
        assertEquals(6, view.priority(), "the VM's own priority");
        Dictionary<String, Object> properties = saved.get(AllocationConfiguration.FACTORY_PID + "~web");
        assertNotNull(properties, "saved as the named configuration " + saved.keySet());
        assertEquals(2500, properties.get(AllocationConfiguration.SHARES));
        assertEquals("web", properties.get(AllocationConfiguration.VM));
        assertNull(properties.get(AllocationConfiguration.PRIORITY), "the priority follows the VM's");
        assertEquals(1L, properties.get(AllocationConfiguration.REVISION));
        assertTrue(posted.stream().anyMatch(event -> event.getTopic().endsWith("ALLOCATION_CHANGED")));

        component.stateChanged(new org.nicmanager.kernel.api.vm.VmInfo("web", org.nicmanager.kernel.api.vm.VmState.SUSPENDED,
                6, java.util.List.of()), org.nicmanager.kernel.api.vm.VmState.RUNNING);
        FrameBuffer frame = FrameBuffer.unpooled(100);
        frame.setLength(100);
        frame.setSourcePort(3);
        scheduler.offer(frame);
        assertEquals(1L, component.show("web").uplinks().get(0).dropped().get(DropReason.VM_SUSPENDED.name()));
    }

    @Test
    void anAllocationConfigurationReachesTheEngineAndItsDeletionRevertsIt() {
        ResourceManagerComponent component = component(defaults());
        StoredAllocation stored = new StoredAllocation(new NetworkAllocation(700, 0, 0, 100_000_000L, 200_000_000L,
                1_000_000, 100_000_000L, 9), true, 0);
        Map<String, Object> properties = Collections.list(AllocationConfiguration.properties("web", stored).keys())
                .stream().collect(HashMap::new, (map, key) -> map.put(key,
                        AllocationConfiguration.properties("web", stored).get(key)), HashMap::putAll);
        AllocationConfiguration configuration = new AllocationConfiguration(config(properties), component);
        AllocationView view = component.show("web");
        assertEquals(700, view.shares());
        assertEquals(100_000_000L, view.peakPeriodNanos());
        assertEquals(9, view.priority());
        assertFalse(view.priorityFromVm());

        configuration.deactivate();
        assertEquals(ResourceSettings.DEFAULT_SHARES, component.show("web").shares());

        properties.remove(AllocationConfiguration.PRIORITY);
        new AllocationConfiguration(config(properties), component);
        assertEquals(6, component.show("web").priority(), "without a priority, the VM's own");
        assertTrue(component.show("web").priorityFromVm());
    }

    @Test
    void badSettingsFallBackToTheDefaults() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("minShares", 10);
        settings.put("maxShares", 5);
        ResourceManagerComponent component = component(settings);
        assertThrows(IllegalArgumentException.class, () -> component.allocate("web",
                new AllocationChange(0, null, null, null, null, null, null, null)));
        assertEquals(100_000, component.allocate("web", new AllocationChange(100_000, null, null, null, null, null,
                null, null)).shares(), "the default bounds 1..100000 hold");
    }

    /** An interval whose nanoseconds would overflow a long is refused by name, not wrapped into range (issue 13). */
    @Test
    void anIntervalBeyondItsBoundIsRefusedNamingKeyValueAndRange() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("intervalMs", 9_223_372_036_855L);
        settings.put(ConfigurationFiles.FILE_MARK, "file:/srv/host/conf/org.nicmanager.resource.cfg");
        component(settings);
        Event refused = posted.stream().filter(event -> event.getTopic().equals(ConfigurationRefused.TOPIC))
                .findFirst().orElseThrow();
        assertEquals("intervalMs", refused.getProperty("key"));
        assertEquals("9223372036855", refused.getProperty("value"));
        assertEquals("a whole number from 1 to 10000", refused.getProperty("allowed"));
        assertEquals("/srv/host/conf/org.nicmanager.resource.cfg", refused.getProperty("file"));
    }

    /** The floor is on without configuration, in the cost mode's units; 0 turns it off; a bad value is refused. */
    @Test
    void theIntervalFloorIsOnByDefaultInTheCostModesUnitsAndZeroTurnsItOff() {
        assertEquals(12_500, component(defaults()).settings().intervalMinUnits(), "1 % of 1 Gb/s per 10 ms");
        assertEquals(8, component(new HashMap<>(Map.of("costMode", "FRAMES"))).settings().intervalMinUnits(),
                "eight frames per interval");
        assertEquals(0, component(new HashMap<>(Map.of("intervalMinUnits", 0L))).settings().intervalMinUnits());
        assertEquals(3_000, component(new HashMap<>(Map.of("costMode", "FRAMES", "intervalMinUnits", 3_000L)))
                .settings().intervalMinUnits(), "given, it is taken as it is");

        ResourceManagerComponent refused = component(new HashMap<>(Map.of("intervalMinUnits", -1L)));
        Event refusal = posted.stream().filter(event -> event.getTopic().equals(ConfigurationRefused.TOPIC))
                .findFirst().orElseThrow();
        assertEquals("intervalMinUnits", refusal.getProperty("key"));
        assertEquals("-1", refusal.getProperty("value"));
        assertEquals(ResourceSettings.DEFAULT_INTERVAL_MIN_UNITS, refused.settings().intervalMinUnits(),
                "the defaults stay");
    }

    private ResourceManagerComponent component(Map<String, Object> settings) {
        return new ResourceManagerComponent(config(settings, ResourceManagerComponent.Config.class), settings,
                new InlineWorld(clock), clock, vms, eventAdmin(), configurationAdmin(), logger());
    }

    private static Map<String, Object> defaults() {
        return new HashMap<>();
    }

    private static AllocationConfiguration.Config config(Map<String, Object> properties) {
        return config(properties, AllocationConfiguration.Config.class);
    }

    /** A configuration annotation as SCR would make it: the property if present, else the element's default. */
    @SuppressWarnings("unchecked")
    private static <T> T config(Map<String, Object> properties, Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object value = properties.get(method.getName());
            if (value == null) {
                return method.getDefaultValue();
            }
            if (method.getReturnType() == CostMode.class) {
                return CostMode.valueOf(value.toString());
            }
            if (method.getReturnType() == String.class) {
                return value.toString();
            }
            return value;
        });
    }

    private EventAdmin eventAdmin() {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        };
    }

    private ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations") && args.length == 1) {
                        String pid = args[0].toString().replace("(service.pid=", "").replace(")", "");
                        return saved.containsKey(pid) ? new Configuration[] {configuration(pid)} : null;
                    }
                    if (!method.getName().equals("getFactoryConfiguration") || args.length != 3) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return configuration(args[0] + "~" + args[1]);
                });
    }

    /** A configuration of the ConfigurationAdmin double: update and delete act on {@link #saved}. */
    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (configuration, call, values) -> {
                    if (call.getName().equals("update") && values != null && values.length == 1) {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> properties = (Dictionary<String, Object>) values[0];
                        saved.put(pid, properties);
                        return null;
                    }
                    if (call.getName().equals("delete")) {
                        saved.remove(pid);
                        return null;
                    }
                    if (call.getName().equals("getProperties")) {
                        return saved.get(pid);
                    }
                    throw new UnsupportedOperationException(call.getName());
                });
    }

    private static Logger logger() {
        return (Logger) Proxy.newProxyInstance(ComponentsTest.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
    }

    private static VmInfo vm(String name, int priority, VmState state) {
        return new VmInfo(name, state, priority, List.of());
    }
}
