package org.nicmanager.vmmanager;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The VM manager: the VM table, changed on the world thread, with each lifecycle step announced on EventAdmin and each
 * definition kept in ConfigAdmin.
 */
@Component(service = {VmManager.class, VmRegistry.class}, immediate = true) // immediate: it holds state
public final class VmManagerComponent implements VmManager {

    private final NetworkWorld world;
    private final KernelClock clock;
    private final EventAdmin events;
    private final VmStore store;
    private final VmTable table = new VmTable();

    @Activate
    public VmManagerComponent(@Reference NetworkWorld world, @Reference KernelClock clock,
            @Reference EventAdmin events, @Reference ConfigurationAdmin configurations,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.clock = clock;
        this.events = events;
        this.store = new VmStore(configurations);
        for (VmStore.StoredVm vm : store.load()) {
            try {
                world.call(() -> table.restore(vm.name(), vm.priority(), vm.vnics()));
            } catch (IllegalArgumentException refused) {
                logger.error("VM {} from the configuration was not restored: {}", vm.name(), refused.getMessage());
            }
        }
    }

    @Override
    public VmInfo create(String name, int priority) {
        return stored(announce(VmTopics.CREATED, world.call(() -> table.create(name, priority))));
    }

    @Override
    public VmInfo start(String name) {
        return announce(VmTopics.STARTED, world.call(() -> table.start(name)));
    }

    @Override
    public VmInfo stop(String name) {
        return announce(VmTopics.STOPPED, world.call(() -> table.stop(name)));
    }

    @Override
    public VmInfo suspend(String name) {
        return announce(VmTopics.SUSPENDED, world.call(() -> table.suspend(name)));
    }

    @Override
    public VmInfo resume(String name) {
        return announce(VmTopics.RESUMED, world.call(() -> table.resume(name)));
    }

    @Override
    public void delete(String name) {
        announce(VmTopics.DELETED, world.call(() -> table.delete(name)));
        store.delete(name);
    }

    @Override
    public VmInfo attachVnic(String vmName, VnicInfo vnic) {
        return stored(world.call(() -> table.attachVnic(vmName, vnic)));
    }

    @Override
    public VmInfo updateVnic(String vmName, VnicInfo vnic) {
        return stored(world.call(() -> table.updateVnic(vmName, vnic)));
    }

    private VmInfo stored(VmInfo vm) {
        store.save(vm);
        return vm;
    }

    @Override
    public List<VmInfo> vms() {
        return world.call(table::all);
    }

    @Override
    public Optional<VmInfo> vm(String name) {
        return world.call(() -> table.find(name));
    }

    private VmInfo announce(String topic, VmInfo vm) {
        events.postEvent(new Event(topic, Map.of(VmTopics.VM, vm.name(), VmTopics.STATE, vm.state().name(),
                VmTopics.TIME, clock.nanoTime())));
        return vm;
    }
}
