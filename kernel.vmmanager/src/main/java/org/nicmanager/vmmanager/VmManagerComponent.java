package org.nicmanager.vmmanager;

import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameSource;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmLifecycleListener;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The VM manager: the VM table, changed on the world thread, with each lifecycle step told to the
 * {@link VmLifecycleListener}s inside the step, then announced on EventAdmin; each definition is kept in ConfigAdmin.
 */
@Component(service = {VmManager.class, VmRegistry.class, NameSource.class}, immediate = true) // it holds state
public final class VmManagerComponent implements VmManager, NameSource {

    private final NetworkWorld world;
    private final KernelClock clock;
    private final EventAdmin events;
    private final Logger logger;
    private final VmStore store;
    private final VmTable table = new VmTable();

    /**
     * Told synchronously on the world thread (e.g. the VMM pauses a suspended VM's guest in the same instant). Bound as
     * service objects and got when first told: the VMM's component itself needs the VM manager, so getting it while
     * the VM manager activates would be a circular reference. Once got, a listener is kept until it is unbound:
     * getting and releasing it for every step was a tenth of the world's work while thousands of VMs started
     * (issue 17).
     */
    private final List<ComponentServiceObjects<VmLifecycleListener>> listeners = new CopyOnWriteArrayList<>();
    private final Map<ComponentServiceObjects<VmLifecycleListener>, VmLifecycleListener> got =
            new ConcurrentHashMap<>();

    /** A lifecycle step's outcome: the VM before and after (the same record when nothing changed). */
    private record Step(VmInfo before, VmInfo after) {

        boolean changed() {
            return before.state() != after.state();
        }
    }

    @Activate
    public VmManagerComponent(@Reference NetworkWorld world, @Reference KernelClock clock,
            @Reference EventAdmin events, @Reference ConfigurationAdmin configurations,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.clock = clock;
        this.events = events;
        this.logger = logger;
        this.store = new VmStore(configurations);
        for (VmStore.StoredVm vm : store.load()) {
            try {
                world.call(() -> table.restore(vm.name(), vm.priority(), vm.vnics()));
            } catch (IllegalArgumentException refused) {
                logger.error("VM {} from the configuration was not restored: {}", vm.name(), refused.getMessage());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = VmLifecycleListener.class)
    void bindListener(ComponentServiceObjects<VmLifecycleListener> listener) {
        listeners.add(listener);
    }

    void unbindListener(ComponentServiceObjects<VmLifecycleListener> listener) {
        listeners.remove(listener);
        VmLifecycleListener kept = got.remove(listener);
        if (kept != null) {
            listener.ungetService(kept);
        }
    }

    @Override
    public VmInfo create(String name, int priority) {
        VmInfo vm = world.call(() -> table.create(name, priority));
        announce(VmTopics.CREATED, vm, "created with priority " + priority);
        return stored(vm);
    }

    @Override
    public VmInfo start(String name) {
        return stepped(VmTopics.STARTED, "started", () -> step(name, () -> table.start(name)));
    }

    @Override
    public VmInfo stop(String name) {
        return stepped(VmTopics.STOPPED, "stopped", () -> step(name, () -> table.stop(name)));
    }

    @Override
    public VmInfo suspend(String name) {
        return stepped(VmTopics.SUSPENDED, "suspended by the operator", () -> step(name, () -> table.suspend(name)));
    }

    @Override
    public VmInfo resume(String name) {
        return stepped(VmTopics.RESUMED, "resumed by the operator", () -> step(name, () -> table.resume(name)));
    }

    @Override
    public VmInfo suspendFor(String name, String cause) {
        return stepped(VmTopics.SUSPENDED, "suspended: " + cause,
                () -> step(name, () -> table.suspendFor(name, cause)));
    }

    @Override
    public VmInfo resumeFor(String name, String cause) {
        return stepped(VmTopics.RESUMED, "resumed: " + cause + " is over",
                () -> step(name, () -> table.resumeFor(name, cause)));
    }

    @Override
    public List<String> suspensionCauses(String name) {
        return world.call(() -> table.suspensionCauses(name));
    }

    @Override
    public void delete(String name) {
        Step deleted = world.call(() -> {
            VmInfo vm = table.delete(name);
            tell(vm, "deleted", listener -> listener.deleted(vm));
            return new Step(vm, vm);
        });
        announce(VmTopics.DELETED, deleted.after(), "deleted");
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

    @Override
    public List<VmInfo> vms() {
        return world.call(table::all);
    }

    /** The VMs and their virtual NICs for the name directory, from the table's snapshot: no world call. */
    @Override
    public List<NameEntry> names() {
        return table.names();
    }

    @Override
    public Optional<VmInfo> vm(String name) {
        return world.call(() -> table.find(name));
    }

    private VmInfo stored(VmInfo vm) {
        store.save(vm);
        return vm;
    }

    /** On the world thread: one step of the table, told to the listeners when the state changed. */
    private Step step(String name, Supplier<VmInfo> change) {
        VmInfo before = table.find(name).orElse(null);
        VmInfo after = change.get();
        Step step = new Step(before == null ? after : before, after);
        if (step.changed()) {
            tell(after, step.before().state());
        }
        return step;
    }

    private VmInfo stepped(String topic, String details, Supplier<Step> inWorld) {
        Step step = world.call(inWorld);
        if (step.changed()) {
            announce(topic, step.after(), details);
        }
        return step.after();
    }

    private void tell(VmInfo vm, VmState previous) {
        tell(vm, previous + " -> " + vm.state(), listener -> listener.stateChanged(vm, previous));
    }

    private void tell(VmInfo vm, String step, Consumer<VmLifecycleListener> call) {
        for (ComponentServiceObjects<VmLifecycleListener> service : listeners) {
            VmLifecycleListener listener = got.computeIfAbsent(service, ComponentServiceObjects::getService);
            if (listener == null) {
                continue; // it is going away
            }
            try {
                call.accept(listener);
            } catch (RuntimeException failed) {
                // The step is done; a listener that fails must not undo it for the others.
                logger.error("lifecycle listener {} failed on VM {} ({})", listener, vm.name(), step, failed);
            }
        }
    }

    private void announce(String topic, VmInfo vm, String details) {
        events.postEvent(new Event(topic, Map.of(VmTopics.VM, vm.name(), VmTopics.STATE, vm.state().name(),
                VmTopics.TIME, clock.nanoTime(), VmTopics.SUBJECT, vm.name(), VmTopics.DETAILS,
                "VM " + vm.name() + " " + details)));
    }
}
