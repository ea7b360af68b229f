package org.nicmanager.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceManager;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmFenceListener;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmLifecycleListener;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.allocation.CostMode;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.StoredAllocation;
import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.WhatIf;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The resource manager (patent [0083], [0111]-[0119]): a {@link ResourceManager} that opens one scheduler per uplink
 * for the kernel-integrated NIC manager, keeps the VMs' allocations from ConfigAdmin, follows VMs being suspended and
 * resumed (VM manager events), and serves the {@code net:} commands. All state lives in a {@link ResourceEngine} on
 * the network world's thread.
 */
@Component(service = {ResourceManager.class, ResourceControl.class, VmLifecycleListener.class,
        VmFenceListener.class}, immediate = true,
        configurationPid = ResourceManagerComponent.PID)
@Designate(ocd = ResourceManagerComponent.Config.class)
public final class ResourceManagerComponent implements ResourceManager, ResourceControl, VmLifecycleListener,
        VmFenceListener {

    public static final String PID = "org.nicmanager.resource";
    /** {@link ResourceSettings#INTERVAL_CEILING_NANOS} in milliseconds. */
    private static final long MAX_INTERVAL_MS = 10_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @ObjectClassDefinition(name = "NIC Manager resource manager",
            description = "How VMs share each bond's bandwidth: consumption units, lag bound, per-interval bounds,"
                    + " queue bounds and share bounds.")
    public @interface Config {

        @AttributeDefinition(name = "Cost mode", description = "What a frame costs in consumption units: BYTES (its"
                + " bytes on the wire) or FRAMES (one unit).")
        CostMode costMode() default CostMode.BYTES;

        @AttributeDefinition(name = "Lag bound (units)", description = "How far a VM back from idle may be behind"
                + " the others, in consumption units: the most extra service it can claim at once.", min = "0")
        long lagBoundUnits() default ResourceSettings.DEFAULT_LAG_BOUND_UNITS;

        @AttributeDefinition(name = "Interval (ms)", description = "The interval the per-VM unit bounds count over.",
                min = "1", max = "10000")
        long intervalMs() default ResourceSettings.DEFAULT_INTERVAL_MS;

        /*
         * No default here on purpose: a default would become a component property, and the floor's default depends on
         * the cost mode, so "not set" must stay visible (the component then takes the cost mode's default).
         */
        @AttributeDefinition(name = "Interval minimum (units)", required = false, description = "Per VM and"
                + " interval, units a backlogged VM gets ahead of share order and of priority ([0097]), so that"
                + " precedence for higher priorities never starves a running VM for good; 0: none (pure precedence)."
                + " Not set: eight full-size frames per interval in the cost mode's units, 12500 with BYTES (1 % of"
                + " 1 Gb/s over a 10 ms interval) and 8 with FRAMES.", min = "0")
        long intervalMinUnits();

        @AttributeDefinition(name = "Interval maximum (units)", description = "Per VM and interval, units after which"
                + " a VM yields to every VM below the bound; 0: none.", min = "0")
        long intervalMaxUnits() default ResourceSettings.DEFAULT_INTERVAL_MAX_UNITS;

        @AttributeDefinition(name = "Queue limit (frames)", description = "Frames each VM may have queued per uplink.",
                min = "1")
        int queueLimitFrames() default ResourceSettings.DEFAULT_QUEUE_LIMIT_FRAMES;

        @AttributeDefinition(name = "Queue limit (bytes)", description = "Frame bytes each VM may have queued per"
                + " uplink.", min = "9022")
        long queueLimitBytes() default ResourceSettings.DEFAULT_QUEUE_LIMIT_BYTES;

        @AttributeDefinition(name = "Minimum shares", min = "1")
        int minShares() default ResourceSettings.DEFAULT_MIN_SHARES;

        @AttributeDefinition(name = "Maximum shares", min = "1")
        int maxShares() default ResourceSettings.DEFAULT_MAX_SHARES;

        @AttributeDefinition(name = "Default shares", description = "Shares of a VM without an allocation.", min = "1")
        int defaultShares() default ResourceSettings.DEFAULT_SHARES;
    }

    private final NetworkWorld world;
    private final ConfigurationAdmin configurationAdmin;
    private final Logger logger;
    private final ResourceEngine engine;
    private final EventAdmin eventAdmin;

    @Activate
    public ResourceManagerComponent(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference KernelScheduler clock, @Reference VmRegistry vms, @Reference EventAdmin eventAdmin,
            @Reference ConfigurationAdmin configurationAdmin,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.configurationAdmin = configurationAdmin;
        this.logger = logger;
        this.eventAdmin = eventAdmin;
        this.engine = new ResourceEngine(clock, new RegistryFacts(vms), new EventAdminEvents(eventAdmin, clock),
                settings(config, properties, ResourceSettings.defaults()));
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        ResourceSettings settings = settings(config, properties, null);
        if (settings != null) {
            world.post(() -> engine.settingsChanged(settings));
        }
    }

    /** The settings in force. */
    ResourceSettings settings() {
        return world.call(engine::settings);
    }

    @Deactivate
    void deactivate() {
        world.run(engine::closeAll);
    }

    // --- ResourceManager (the NIC manager, on the world thread) -------------------------------------------------

    @Override
    public UplinkScheduler open(String uplink, UplinkPort port) {
        return world.call(() -> engine.open(uplink, port));
    }

    @Override
    public void close(String uplink) {
        world.run(() -> engine.close(uplink));
    }

    // --- ResourceControl (commands and configurations) ----------------------------------------------------------

    @Override
    public AllocationView allocate(String vm, AllocationChange change) {
        StoredAllocation stored = world.call(() -> engine.allocate(vm, change));
        try {
            Configuration configuration = configurationAdmin.getFactoryConfiguration(
                    AllocationConfiguration.FACTORY_PID, vm, "?");
            ConfigurationFiles.update(configuration, AllocationConfiguration.properties(vm, stored));
        } catch (IOException unsaved) {
            throw new UncheckedIOException("the allocation of VM " + vm + " is in force but was not saved", unsaved);
        }
        return world.call(() -> engine.show(vm));
    }

    @Override
    public AllocationView show(String vm) {
        return world.call(() -> engine.show(vm));
    }

    @Override
    public List<UplinkUsage> usage(long windowNanos) {
        return world.call(() -> engine.usage(windowNanos));
    }

    @Override
    public List<WhatIf> whatIf(List<String> nics) {
        return world.call(() -> engine.whatIf(nics));
    }

    @Override
    public void configured(String vm, NetworkAllocation allocation, boolean priorityGiven, long revision) {
        world.post(() -> engine.configured(vm, allocation, priorityGiven, revision)).whenComplete((done, refused) -> {
            if (refused != null) {
                logger.warn("allocation configuration of VM '{}' refused, its allocation is unchanged: {}", vm,
                        refused.getMessage());
            }
        });
    }

    @Override
    public void unconfigured(String vm) {
        world.post(() -> engine.unconfigured(vm));
    }

    // --- the VM manager's lifecycle steps ---------------------------------------------------------------------------

    /** Called on the world thread inside the step, so a VM's queue stops and starts in the same kernel instant. */
    @Override
    public void stateChanged(VmInfo vm, VmState previous) {
        engine.vmSuspended(vm.name(), vm.state() == VmState.SUSPENDED);
    }

    /** A clustered host's cluster bundle, on the world thread: the VM's frames are dropped NOT_OWNER while fenced. */
    @Override
    public void fenced(String vm, boolean fenced) {
        engine.vmFenced(vm, fenced);
    }

    /**
     * A deleted VM takes its allocation with it, in force and stored, so that a new VM of the same name starts from
     * the defaults. ConfigAdmin tells the allocation's listener later, on its own thread, which then finds it gone.
     */
    @Override
    public void deleted(VmInfo deleted) {
        String vm = deleted.name();
        engine.unconfigured(vm);
        engine.vmFenced(vm, false); // and its fence: a new VM of that name is fenced only if the cluster says so
        String pid = AllocationConfiguration.FACTORY_PID + "~" + vm;
        try {
            // VM names hold only letters, digits, '.', '_' and '-': nothing a filter would need escaped.
            Configuration[] stored = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (stored != null) {
                stored[0].delete();
            }
        } catch (IOException | InvalidSyntaxException failed) {
            logger.error("the allocation of deleted VM '{}' is still stored ({}): {}", vm, pid, failed.getMessage());
        }
    }


    /** Settings from configuration; a bad configuration is logged and {@code fallback} returned. */
    /**
     * Every value checked against both its bounds, then against each other; a refusal is logged and posted naming the
     * file, key, value and what is allowed (issue 13), and {@code fallback} (null: the settings in force) is used.
     */
    private ResourceSettings settings(Config config, Map<String, Object> properties, ResourceSettings fallback) {
        ConfigurationCheck check = new ConfigurationCheck(PID, properties);
        try {
            CostMode costMode = check.oneOf("costMode", config::costMode, CostMode.class);
            long lagBound = check.longWithin("lagBoundUnits", config::lagBoundUnits, 0,
                    ResourceSettings.LAG_BOUND_CEILING_UNITS);
            long intervalMs = check.longWithin("intervalMs", config::intervalMs, 1, MAX_INTERVAL_MS);
            // Not given: the default floor in the cost mode's units (the annotation's default is in bytes).
            long intervalMin = properties.containsKey("intervalMinUnits")
                    ? check.longWithin("intervalMinUnits", config::intervalMinUnits, 0, Long.MAX_VALUE / 2)
                    : ResourceSettings.defaultIntervalMinUnits(costMode);
            long intervalMax = check.longWithin("intervalMaxUnits", config::intervalMaxUnits, 0, Long.MAX_VALUE / 2);
            int queueFrames = check.intWithin("queueLimitFrames", config::queueLimitFrames, 1,
                    ResourceSettings.QUEUE_FRAMES_CEILING);
            long queueBytes = check.longWithin("queueLimitBytes", config::queueLimitBytes, FrameBuffer.MAX_FRAME_BYTES,
                    ResourceSettings.QUEUE_BYTES_CEILING);
            int minShares = check.intWithin("minShares", config::minShares, 1, ResourceSettings.SHARES_CEILING);
            int maxShares = check.intWithin("maxShares", config::maxShares, 1, ResourceSettings.SHARES_CEILING);
            int defaultShares = check.intWithin("defaultShares", config::defaultShares, 1,
                    ResourceSettings.SHARES_CEILING);
            try {
                return new ResourceSettings(costMode, lagBound, intervalMs * NANOS_PER_MILLI, intervalMin, intervalMax,
                        queueFrames, queueBytes, minShares, maxShares, defaultShares);
            } catch (IllegalArgumentException inconsistent) { // e.g. maxShares below minShares
                throw new ConfigurationRefused(PID, check.file(), "(together)", inconsistent.getMessage(),
                        "values consistent with each other");
            }
        } catch (ConfigurationRefused refused) {
            logger.error("{}{}", refused.getMessage(), fallback == null ? "" : "; using the defaults");
            eventAdmin.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
            return fallback;
        }
    }

    /** The VM registry as the engine asks it (on the world thread, where the registry answers directly). */
    private record RegistryFacts(VmRegistry registry) implements VmFacts {

        @Override
        public List<String> names() {
            return registry.vms().stream().map(VmInfo::name).toList();
        }

        @Override
        public boolean exists(String vm) {
            return registry.vm(vm).isPresent();
        }

        @Override
        public int priority(String vm) {
            return registry.vm(vm).map(VmInfo::priority).orElse(Priority.DEFAULT);
        }

        @Override
        public boolean suspended(String vm) {
            return registry.vm(vm).map(info -> info.state() == VmState.SUSPENDED).orElse(false);
        }
    }
}
