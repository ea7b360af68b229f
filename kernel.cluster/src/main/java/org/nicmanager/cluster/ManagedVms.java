package org.nicmanager.cluster;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmFenceListener;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * This host's VM manager and resource manager as the cluster drives them (issue 16): VMs through {@link VmManager},
 * allocations through the resource manager's allocation configurations in ConfigAdmin (as {@code net:alloc} writes
 * them), fencing through the {@link VmFenceListener} whiteboard on the network world's thread. The local services keep
 * working from their local view; they are not changed for the cluster.
 */
final class ManagedVms implements LocalVms {

    static final String ALLOCATION_FACTORY_PID = "org.nicmanager.resource.allocation";
    private static final String VM = "vm";
    private static final String PRIORITY = "priority";
    private static final String[] WHOLE_FIELDS = {"shares", "reservationBps", "limitBps", "averageBps", "peakBps",
        "burstBytes", "peakPeriodMs"};

    private final Supplier<VmManager> manager;
    private final Supplier<NetworkWorld> world;
    private final ConfigurationAdmin configurations;
    private final List<VmFenceListener> listeners = new CopyOnWriteArrayList<>();
    /** The VMs fenced now, told to every listener, and to a late one when it comes. */
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();

    ManagedVms(Supplier<VmManager> manager, Supplier<NetworkWorld> world, ConfigurationAdmin configurations) {
        this.manager = manager;
        this.world = world;
        this.configurations = configurations;
    }

    @Override
    public List<VmDefinition> definitions() {
        VmManager vms = manager.get();
        if (vms == null) {
            return List.of();
        }
        Map<String, VmDefinition.Allocation> allocations = allocations();
        return vms.vms().stream().map(vm -> new VmDefinition(vm.name(), vm.priority(), allocations.get(vm.name())))
                .toList();
    }

    @Override
    public boolean running(String vm) {
        VmManager vms = manager.get();
        return vms != null && vms.vm(vm).map(ManagedVms::holdsItsReservation).orElse(false);
    }

    private static boolean holdsItsReservation(VmInfo vm) {
        return vm.state() == VmState.RUNNING || vm.state() == VmState.SUSPENDED;
    }

    @Override
    public void define(VmDefinition definition) {
        VmManager vms = required();
        if (vms.vm(definition.name()).isEmpty()) {
            vms.create(definition.name(), definition.priority());
        }
        try {
            Configuration configuration = configurations.getFactoryConfiguration(ALLOCATION_FACTORY_PID,
                    definition.name(), "?");
            if (definition.allocation() == null) {
                if (configuration.getProperties() != null) {
                    configuration.delete();
                }
            } else {
                configuration.update(properties(definition.name(), definition.allocation()));
            }
        } catch (IOException unsaved) {
            throw new IllegalStateException("the allocation of cluster VM " + definition.name() + " was not stored"
                    + " here: " + unsaved.getMessage(), unsaved);
        }
    }

    @Override
    public void remove(String vm) {
        VmManager vms = required();
        if (running(vm)) {
            vms.stop(vm);
        }
        if (vms.vm(vm).isPresent()) {
            vms.delete(vm); // the resource manager deletes its allocation with it
        }
    }

    @Override
    public void start(String vm) {
        required().start(vm);
    }

    @Override
    public void stop(String vm) {
        required().stop(vm);
    }

    @Override
    public void fence(String vm, boolean fence) {
        if (fence ? fenced.add(vm) : fenced.remove(vm)) {
            NetworkWorld networkWorld = world.get();
            if (networkWorld != null) {
                networkWorld.post(() -> listeners.forEach(listener -> listener.fenced(vm, fence)));
            }
        }
    }

    void listenerAdded(VmFenceListener listener) {
        listeners.add(listener);
        NetworkWorld networkWorld = world.get();
        if (networkWorld != null) {
            Set<String> now = Set.copyOf(fenced);
            networkWorld.post(() -> now.forEach(vm -> listener.fenced(vm, true)));
        }
    }

    void listenerRemoved(VmFenceListener listener) {
        listeners.remove(listener);
    }

    private VmManager required() {
        VmManager vms = manager.get();
        if (vms == null) {
            throw new IllegalStateException("this host has no VM manager");
        }
        return vms;
    }

    /** Each VM's allocation as the resource manager's configurations hold it; one that does not read is left out. */
    private Map<String, VmDefinition.Allocation> allocations() {
        Map<String, VmDefinition.Allocation> allocations = new HashMap<>();
        try {
            Configuration[] found = configurations.listConfigurations("(service.factoryPid=" + ALLOCATION_FACTORY_PID
                    + ")");
            for (Configuration configuration : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> properties = configuration.getProperties();
                Object vm = properties == null ? null : properties.get(VM);
                if (vm != null) {
                    allocations.put(vm.toString(), allocation(properties));
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException unreadable) {
            // an allocation that cannot be read now is published at the next change
        }
        return allocations;
    }

    private static VmDefinition.Allocation allocation(Dictionary<String, Object> properties) {
        long[] whole = new long[WHOLE_FIELDS.length];
        for (int i = 0; i < WHOLE_FIELDS.length; i++) {
            whole[i] = number(properties.get(WHOLE_FIELDS[i]), i == 0 ? 1000 : 0);
        }
        Object priority = properties.get(PRIORITY);
        return new VmDefinition.Allocation((int) whole[0], whole[1], whole[2], whole[3], whole[4], whole[5], whole[6],
                priority == null ? null : (int) number(priority, 0));
    }

    private static long number(Object value, long absent) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        return value == null ? absent : Long.parseLong(value.toString().trim());
    }

    private static Dictionary<String, Object> properties(String vm, VmDefinition.Allocation allocation) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(VM, vm);
        properties.put("shares", allocation.shares());
        properties.put("reservationBps", allocation.reservationBps());
        properties.put("limitBps", allocation.limitBps());
        properties.put("averageBps", allocation.averageBps());
        properties.put("peakBps", allocation.peakBps());
        properties.put("burstBytes", allocation.burstBytes());
        properties.put("peakPeriodMs", allocation.peakPeriodMs());
        if (allocation.priority() != null) {
            properties.put(PRIORITY, allocation.priority());
        }
        return properties;
    }
}
