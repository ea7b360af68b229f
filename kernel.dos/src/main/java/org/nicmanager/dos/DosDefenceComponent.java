package org.nicmanager.dos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.dos.engine.DetectionView;
import org.nicmanager.dos.engine.DosEngine;
import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.dos.engine.EngineSettings;
import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Responses;
import org.nicmanager.dos.response.FailOverToAlternate;
import org.nicmanager.dos.response.HoldInterrupts;
import org.nicmanager.dos.response.RequestMigration;
import org.nicmanager.dos.response.SuspendLowerPriority;
import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.kernel.api.dos.ReceiveInspector;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.MigrationService;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmLifecycleListener;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicAssigner;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The DoS defence as a service: the {@link ReceiveInspector} the VMM shows every virtual NIC to, the detectors it runs
 * (whiteboard), the responses it may take, and the VMs' policies. Its state lives in a {@link DosEngine} on the
 * network world's thread; this component only wires and checks what people ask.
 *
 * <p>Its configuration ({@value #PID}) is checked value by value against both bounds; a bad one is refused with a log
 * line and a {@link ConfigurationRefused#TOPIC} event naming the file, the key, the value and what is allowed, and the
 * settings in force stay (at activation: the defaults).
 */
@Component(service = {ReceiveInspector.class, DosDefenceComponent.class, VmLifecycleListener.class}, immediate = true,
        configurationPid = DosDefenceComponent.PID)
@Designate(ocd = DosDefenceComponent.Config.class)
public final class DosDefenceComponent implements ReceiveInspector, VmLifecycleListener {

    public static final String PID = "org.nicmanager.dos";

    @ObjectClassDefinition(name = "NIC Manager DoS defence", description = "How often detectors assess the VMs and"
            + " uplinks, and how attacks are recorded (patent [0125]-[0133]).")
    public @interface Config {

        @AttributeDefinition(min = "1", max = "" + EngineSettings.MAX_EVALUATION_PERIOD_MS,
                description = "How often detectors assess their targets, in kernel time.")
        long evaluationPeriodMs() default EngineSettings.DEFAULT_EVALUATION_PERIOD_MS;

        @AttributeDefinition(min = "0", max = "" + EngineSettings.MAX_END_AFTER_QUIET_MS,
                description = "How long a detector must see no attack before the attack is recorded as ended.")
        long endAfterQuietMs() default EngineSettings.DEFAULT_END_AFTER_QUIET_MS;

        @AttributeDefinition(min = "1", max = "" + EngineSettings.MAX_HISTORY_DETECTIONS,
                description = "How many detections dos:status keeps.")
        int historyDetections() default EngineSettings.DEFAULT_HISTORY_DETECTIONS;

        @AttributeDefinition(min = "" + Priority.LOWEST, max = "" + Priority.HIGHEST, description = "The suspend"
                + " response suspends only running VMs that share the victim's attacked uplink and whose priority is"
                + " below both this one and the victim's; 0 suspends none.")
        int suspendBelowPriority() default EngineSettings.DEFAULT_SUSPEND_BELOW_PRIORITY;
    }

    private final NetworkWorld world;
    private final VmManager vms;
    private final NicInventory nics;
    private final MigrationService migrations;
    private final NameDirectory names;
    private final ConfigurationAdmin configurations;
    private final EventAdmin events;
    private final Logger logger;
    private final DosEngine engine;
    private final List<DosDetector> detectors = new CopyOnWriteArrayList<>();

    /** Only to check alternate uplinks; the NIC manager may be swapped at runtime. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BondDirectory bonds;

    @Activate
    public DosDefenceComponent(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference KernelScheduler scheduler,
            @Reference VmManager vms, @Reference(service = VnicAssigner.class) ComponentServiceObjects<VnicAssigner> vmm,
            @Reference MigrationService migrations,
            @Reference Alerter alerter, @Reference NicInventory nics, @Reference ConfigurationAdmin configurations,
            @Reference NameDirectory names, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.events = events;
        this.names = names;
        this.vms = vms;
        this.nics = nics;
        this.migrations = migrations;
        this.configurations = configurations;
        this.logger = logger;
        Map<DosResponse, Responder> responders = new EnumMap<>(DosResponse.class);
        responders.put(DosResponse.HOLD_INTERRUPTS, new HoldInterrupts());
        responders.put(DosResponse.SUSPEND_LOWER_PRIORITY, new SuspendLowerPriority(vms));
        responders.put(DosResponse.FAIL_OVER, new FailOverToAlternate(vms, lazily(vmm)));
        responders.put(DosResponse.MIGRATE, new RequestMigration(migrations));
        this.engine = new DosEngine(scheduler, name -> vms.vm(name).orElse(null),
                new Responses(responders, alerter), alerter, settings(config, properties, EngineSettings.DEFAULTS));
        world.run(() -> {
            engine.detectorsChanged(detectors);
            engine.start();
        });
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        EngineSettings settings = settings(config, properties, null);
        if (settings != null) {
            world.run(() -> engine.settingsChanged(settings));
        }
    }

    @Deactivate
    void deactivate() {
        world.run(engine::stop);
    }

    @Reference(name = "detectors", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDetector(DosDetector detector) {
        detectors.add(detector);
        detectorsChanged();
    }

    void unbindDetector(DosDetector detector) {
        detectors.remove(detector);
        detectorsChanged();
    }

    /** Bound after the constructor, as SCR does with constructor injection. */
    private void detectorsChanged() {
        List<DosDetector> now = new ArrayList<>(detectors);
        world.runInSlices(engine.detectorsChangedInSteps(now)); // one target a step: thousands of virtual NICs
    }

    /**
     * The VMM's assigner, got when a response uses it: the VMM's component tracks this one's inspector, so getting it
     * while this component activates would be a circular reference.
     */
    private static VnicAssigner lazily(ComponentServiceObjects<VnicAssigner> service) {
        return (vnic, uplink) -> {
            VnicAssigner assigner = service.getService();
            if (assigner == null) {
                throw new IllegalArgumentException("the VMM's virtual devices are not available now");
            }
            try {
                return assigner.assign(vnic, uplink);
            } finally {
                service.ungetService(assigner);
            }
        };
    }

    /** Called by the VMM on the world thread, for each virtual NIC. */
    @Override
    public ReceiveTap attach(String vnic, String vm, String uplink) {
        return engine.attach(vnic, vm, uplink);
    }

    // --- for the commands and the policy configurations -------------------------------------------------------------

    /** The engine's settings in force. */
    EngineSettings settings() {
        return world.call(engine::settings);
    }

    public List<DetectionView> detections() {
        return world.call(engine::detections);
    }

    public List<String> detectorKinds() {
        return world.call(engine::detectorKinds);
    }

    public Map<String, DosPolicy> policies() {
        return world.call(engine::policies);
    }

    public DosPolicy policy(String vm) {
        requireVm(vm);
        return world.call(() -> engine.policy(vm));
    }

    /**
     * {@code dos:policy}: checks the VM, the alternate uplink and the migration host, puts the policy in force and
     * stores it.
     *
     * @throws IllegalArgumentException naming the bad value and what is allowed; nothing changes then
     */
    public DosPolicy setPolicy(String vm, PolicyChange change) {
        requireVm(vm);
        DosPolicy policy = change.applyTo(world.call(() -> engine.policy(vm)));
        if (change.alternate() != null && !policy.alternateUplink().isEmpty()) {
            requireUplink(policy.alternateUplink());
        }
        if (change.migrateTo() != null && !policy.migrationHost().isEmpty()) {
            names.resolve("--migrate-to", policy.migrationHost(), EnumSet.of(NameKind.REMOTE_HOST));
        }
        long revision = world.call(() -> engine.setPolicy(vm, policy));
        Dictionary<String, Object> properties = new Hashtable<>(PolicyConfiguration.properties(vm, policy));
        properties.put(PolicyConfiguration.REVISION, revision);
        try {
            ConfigurationFiles.update(configurations.getFactoryConfiguration(PolicyConfiguration.FACTORY_PID, vm, "?"),
                    properties);
        } catch (IOException unsaved) {
            throw new UncheckedIOException("the DoS policy of VM " + vm + " is in force but was not saved", unsaved);
        }
        return policy;
    }

    /** Lifecycle steps other than deletion leave the policies as they are. */
    @Override
    public void stateChanged(VmInfo vm, VmState previous) {
    }

    /**
     * A deleted VM takes its DoS policy with it, in force and stored, so that a new VM of the same name starts from
     * the defaults. Called on the world thread inside the VM manager's step.
     */
    @Override
    public void deleted(VmInfo vm) {
        engine.unconfigured(vm.name());
        String pid = PolicyConfiguration.FACTORY_PID + "~" + vm.name();
        try {
            // VM names hold only letters, digits, '.', '_' and '-': nothing a filter would need escaped.
            Configuration[] stored = configurations.listConfigurations("(service.pid=" + pid + ")");
            if (stored != null) {
                stored[0].delete();
            }
        } catch (IOException | InvalidSyntaxException failed) {
            logger.error("the DoS policy of deleted VM '{}' is still stored ({}): {}", vm.name(), pid,
                    failed.getMessage());
        }
    }

    /** A policy from ConfigAdmin; applied on the world thread without waiting for it. */
    void configured(String vm, DosPolicy policy, long revision) {
        world.post(() -> engine.configured(vm, policy, revision));
    }

    void unconfigured(String vm) {
        world.post(() -> engine.unconfigured(vm));
    }

    /** A policy is kept by the VM's name: a MAC or a vNIC's name is refused, listing the VMs. */
    private void requireVm(String vm) {
        names.resolve("VM", vm, EnumSet.of(NameKind.VM));
    }

    private void requireUplink(String uplink) {
        BondDirectory directory = bonds;
        List<String> bondNames = directory == null ? List.of() : directory.bonds().stream().map(BondInfo::name)
                .toList();
        List<String> nicNames = nics.nics().stream().map(NicInfo::name).toList();
        if (!bondNames.contains(uplink) && !nicNames.contains(uplink)) {
            throw new IllegalArgumentException("unknown uplink '" + uplink + "' for --alternate; bonds: "
                    + (bondNames.isEmpty() ? "(none)" : String.join(", ", bondNames)) + "; NICs: "
                    + (nicNames.isEmpty() ? "(none)" : String.join(", ", nicNames)));
        }
    }

    /** The configured settings, or {@code fallback} when a value is refused (logged and posted). */
    private EngineSettings settings(Config config, Map<String, ?> properties, EngineSettings fallback) {
        ConfigurationCheck check = new ConfigurationCheck(PID, properties);
        try {
            return new EngineSettings(
                    check.longWithin("evaluationPeriodMs", config::evaluationPeriodMs, 1,
                            EngineSettings.MAX_EVALUATION_PERIOD_MS),
                    check.longWithin("endAfterQuietMs", config::endAfterQuietMs, 0,
                            EngineSettings.MAX_END_AFTER_QUIET_MS),
                    check.intWithin("historyDetections", config::historyDetections, 1,
                            EngineSettings.MAX_HISTORY_DETECTIONS),
                    check.intWithin("suspendBelowPriority", config::suspendBelowPriority, Priority.LOWEST,
                            Priority.HIGHEST));
        } catch (ConfigurationRefused refused) {
            logger.error("{}{}", refused.getMessage(), fallback == null ? "" : " (at start: the defaults)");
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
            return fallback;
        }
    }
}
