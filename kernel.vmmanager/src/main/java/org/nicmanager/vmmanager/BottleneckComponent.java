package org.nicmanager.vmmanager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmLifecycleListener;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.cm.ConfigurationAdmin;
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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Drives the {@link BottleneckReaction}: a kernel timer samples the bonds ({@link BondWatch}) on the network world's
 * thread, so failures and failbacks are seen in the same kernel instant under virtual time, and the resource manager's
 * shortage events add what only it knows (guarantees, shares, the VMs precedence starves). Its policy is kept in
 * ConfigAdmin ({@value #PID}).
 * Events arrive on EventAdmin's thread and are handed to the world without waiting, so a long {@code kernel:advance}
 * never times an event handler out.
 *
 * <p>Each configured value is checked against both its bounds; a bad one (a word where a number belongs, an unknown
 * policy) is refused with a log line and a {@link ConfigurationRefused#TOPIC} event naming the file, the key, the value
 * and what is allowed, and the policy and periods in force stay.
 */
@Component(service = {BottleneckComponent.class, EventHandler.class, VmLifecycleListener.class}, immediate = true,
        configurationPid = BottleneckComponent.PID, property = {
            EventConstants.EVENT_TOPIC + "=" + ResourceTopics.GUARANTEE_BROKEN,
            EventConstants.EVENT_TOPIC + "=" + ResourceTopics.OVER_SHARE,
            EventConstants.EVENT_TOPIC + "=" + ResourceTopics.STARVED})
@Designate(ocd = BottleneckComponent.Config.class)
public final class BottleneckComponent implements EventHandler, VmLifecycleListener {

    public static final String PID = "org.nicmanager.vm.bottleneck";
    public static final long DEFAULT_CHECK_PERIOD_MS = 10;
    public static final long DEFAULT_DEMAND_WINDOW_MS = 500;
    /** A minute: sampled less often, a failover would go unanswered for longer than any VM could want. */
    public static final long MAX_CHECK_PERIOD_MS = 60_000;
    /** An hour of traffic before a failure is more than any bond's counters are meant to be compared over. */
    public static final long MAX_DEMAND_WINDOW_MS = 3_600_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @ObjectClassDefinition(name = "NIC Manager bottleneck reaction", description = "What the VM manager does when a"
            + " bond member fails and the VMs on the bond no longer get their due (patent [0124]).")
    public @interface Config {

        @AttributeDefinition(name = "Policy", description = "NEVER: do nothing; SUSPEND_BY_PRIORITY: suspend the"
                + " lowest-priority running VMs on the bond until failback; ALERT_ONLY: only alert.")
        BottleneckPolicy policy() default BottleneckPolicy.ALERT_ONLY;

        @AttributeDefinition(name = "Check period (ms)", min = "1", max = "" + MAX_CHECK_PERIOD_MS,
                description = "How often the bonds are sampled for failures, failbacks and the bandwidth they carry"
                        + " (kernel time).")
        long checkPeriodMs() default DEFAULT_CHECK_PERIOD_MS;

        @AttributeDefinition(name = "Demand window (ms)", min = "1", max = "" + MAX_DEMAND_WINDOW_MS,
                description = "A failure is a bottleneck when the bond carried more over this window before it than the"
                        + " remaining members can carry.")
        long demandWindowMs() default DEFAULT_DEMAND_WINDOW_MS;

        @AttributeDefinition(name = "Revision", required = false,
                description = "Written by vm:bottleneck; leave it out when writing by hand.")
        long revision() default 0;
    }

    /** A configuration's values, each checked against both its bounds. */
    record Settings(BottleneckPolicy policy, long checkPeriodMs, long demandWindowMs, long revision) {

        /** @throws ConfigurationRefused naming the first bad value */
        static Settings read(Config config, Map<String, ?> properties) {
            ConfigurationCheck check = new ConfigurationCheck(PID, properties);
            return new Settings(check.oneOf("policy", config::policy, BottleneckPolicy.class),
                    check.longWithin("checkPeriodMs", config::checkPeriodMs, 1, MAX_CHECK_PERIOD_MS),
                    check.longWithin("demandWindowMs", config::demandWindowMs, 1, MAX_DEMAND_WINDOW_MS),
                    check.longWithin("revision", config::revision, 0, Long.MAX_VALUE));
        }
    }

    private final NetworkWorld world;
    private final KernelScheduler scheduler;
    private final NicInventory nics;
    private final ConfigurationAdmin configurations;
    private final EventAdmin events;
    private final Logger logger;
    private final BottleneckReaction reaction;
    private final BondWatch watch = new BondWatch();
    private final Timer check;
    /** World thread: the policy's revision in force (a configuration event older than a command's change is stale). */
    private long revision;
    /** World thread. */
    private long checkPeriodNanos = DEFAULT_CHECK_PERIOD_MS * NANOS_PER_MILLI;
    /** World thread. */
    private long demandWindowNanos = DEFAULT_DEMAND_WINDOW_MS * NANOS_PER_MILLI;

    /** The NIC manager may be swapped for the other variant at runtime: optional, dynamic. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BondDirectory bonds;

    @Activate
    public BottleneckComponent(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference KernelScheduler scheduler, @Reference VmManager vms, @Reference Alerter alerter,
            @Reference NicInventory nics, @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.scheduler = scheduler;
        this.nics = nics;
        this.configurations = configurations;
        this.events = events;
        this.logger = logger;
        this.reaction = new BottleneckReaction(vms, alerter);
        this.check = scheduler.newTimer("vm/bottleneck-check", this::check);
        configured(config, properties);
        if (vms.vms().stream().anyMatch(vm -> vm.state() == VmState.RUNNING)) {
            world.run(() -> check.armAfter(checkPeriodNanos));
        }
    }

    /**
     * The checks start when a VM first runs (inside that step, on the world thread): without VMs there is nothing to
     * suspend, and a host without them keeps its kernel timers quiet.
     */
    @Override
    public void stateChanged(VmInfo vm, VmState previous) {
        if (vm.state() == VmState.RUNNING && !check.armed()) {
            check.armAfter(checkPeriodNanos);
        }
    }

    @Modified
    void configured(Config config, Map<String, Object> properties) {
        Settings settings;
        try {
            settings = Settings.read(config, properties);
        } catch (ConfigurationRefused refused) {
            logger.error("{}", refused.getMessage());
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
            return;
        }
        world.run(() -> {
            checkPeriodNanos = settings.checkPeriodMs() * NANOS_PER_MILLI;
            demandWindowNanos = settings.demandWindowMs() * NANOS_PER_MILLI;
            if (settings.revision() > 0 && settings.revision() <= revision) {
                return; // stale: a command changed the policy since
            }
            revision = Math.max(settings.revision(), revision + 1);
            reaction.setPolicy(settings.policy());
        });
    }

    /** The check period in force, in ns. */
    long checkPeriodNanos() {
        return world.call(() -> checkPeriodNanos);
    }

    @Deactivate
    void deactivate() {
        world.run(check::cancel);
    }

    /** On the world thread, every check period. */
    private void check() {
        check.armAfter(checkPeriodNanos); // first, so that a failing reaction cannot stop the checks for good
        for (BondWatch.Change change : watch.sample(scheduler.nanoTime(), bonds(), nics::nic, demandWindowNanos)) {
            reaction.changed(change);
        }
    }

    @Override
    public void handleEvent(Event event) {
        String topic = event.getTopic();
        Object uplink = event.getProperty(ResourceTopics.UPLINK);
        if (uplink != null) {
            String reported = topic.substring(topic.lastIndexOf('/') + 1) + ": "
                    + event.getProperty(ResourceTopics.DETAILS);
            Object vm = event.getProperty(ResourceTopics.SUBJECT);
            if (ResourceTopics.STARVED.equals(topic) && vm != null) {
                post(() -> reaction.starving(uplink.toString(), vm.toString(), reported));
            } else {
                post(() -> reaction.shortage(uplink.toString(), reported));
            }
        }
    }

    /** Sets the policy now and keeps it in ConfigAdmin. */
    public BottleneckPolicy setPolicy(BottleneckPolicy policy) {
        long next = world.call(() -> {
            revision++;
            reaction.setPolicy(policy);
            return revision;
        });
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("policy", policy.name());
        properties.put("revision", next);
        try {
            ConfigurationFiles.update(configurations.getConfiguration(PID, "?"), properties);
        } catch (IOException unsaved) {
            throw new UncheckedIOException("the bottleneck policy " + policy.optionName() + " is in force but was not"
                    + " saved", unsaved);
        }
        return policy;
    }

    public BottleneckPolicy policy() {
        return world.call(reaction::policy);
    }

    /** The VMs each bond's bottleneck holds suspended now. */
    public Map<String, List<String>> suspended() {
        return world.call(reaction::suspended);
    }

    private List<BondInfo> bonds() {
        BondDirectory directory = bonds;
        return directory == null ? List.of() : directory.bonds();
    }

    private void post(Runnable action) {
        world.post(action).whenComplete((done, failed) -> {
            if (failed != null) {
                logger.error("bottleneck reaction failed: {}", failed.getMessage(), failed);
            }
        });
    }
}
