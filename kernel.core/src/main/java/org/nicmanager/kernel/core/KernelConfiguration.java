package org.nicmanager.kernel.core;

import java.util.Map;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The kernel's configuration, checked before the kernel sees it (issue 13). A value out of bounds (an action timeout
 * of 0, say) is refused, logged and posted ({@link ConfigurationRefused#TOPIC}) naming the file, key, value and what
 * is allowed, and the running kernel keeps its settings. A good change replaces the {@link Settings} service, which
 * {@link Kernel} needs: DS then restarts the kernel on them, as a configuration change always has. (The gate is a
 * component of its own because a component cannot keep running on its old settings once DS has reactivated it with
 * new ones.)
 */
@Component(service = {}, configurationPid = KernelConfiguration.PID, immediate = true)
@Designate(ocd = KernelConfiguration.Config.class)
public final class KernelConfiguration {

    public static final String PID = "org.nicmanager.kernel";
    public static final long DEFAULT_ACTION_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_SEED = 1;
    /**
     * 2 ms: what a 1 Gb/s NIC receives in it (about 3,000 small frames) still fits the driver rings, and a slice costs
     * one hand-over to the world (tens of microseconds), so bulk work is slowed by a few percent at most.
     */
    public static final long DEFAULT_CONTROL_SLICE_MS = 2;
    static final long MIN_CONTROL_SLICE_MS = 1;
    static final long MAX_CONTROL_SLICE_MS = 10_000;
    /** Below this a busy machine times out ordinary commands; above it a hung world goes unnoticed for a day. */
    static final long MIN_ACTION_TIMEOUT_MS = 100;
    static final long MAX_ACTION_TIMEOUT_MS = 86_400_000;

    @ObjectClassDefinition(name = "NIC Manager kernel",
            description = "Clock and network world of the host. Changing the clock mode restarts the kernel.")
    public @interface Config {

        @AttributeDefinition(name = "Clock mode",
                description = "VIRTUAL: time moves only when advanced, deterministic. REAL: the machine's clock.")
        ClockMode clockMode() default ClockMode.VIRTUAL;

        @AttributeDefinition(name = "Action timeout (ms)",
                description = "Real clock only: how long a caller waits for the network world to run a posted action."
                        + " Under the virtual clock a caller waits until the world answers.", min = "100",
                max = "86400000")
        long actionTimeoutMs() default DEFAULT_ACTION_TIMEOUT_MS;

        @AttributeDefinition(name = "Random seed", description = "Seed for reproducible random workloads.")
        long seed() default DEFAULT_SEED;

        @AttributeDefinition(name = "Control slice (ms)",
                description = "How long bulk control work (every virtual NIC connected or disconnected, say) may hold"
                        + " the network world in one go; frames, timers and other actions run between its slices.",
                min = "1", max = "10000")
        long controlSliceMs() default DEFAULT_CONTROL_SLICE_MS;
    }

    /** The settings a kernel runs on, each checked against both bounds. */
    public record Settings(ClockMode clockMode, long actionTimeoutMs, long seed, long controlSliceMs) {

        static final Settings DEFAULTS = new Settings(ClockMode.VIRTUAL, DEFAULT_ACTION_TIMEOUT_MS, DEFAULT_SEED,
                DEFAULT_CONTROL_SLICE_MS);

        /** @throws ConfigurationRefused naming the first bad value */
        static Settings of(Config config, Map<String, ?> properties) {
            ConfigurationCheck check = new ConfigurationCheck(PID, properties);
            return new Settings(check.oneOf("clockMode", config::clockMode, ClockMode.class),
                    check.longWithin("actionTimeoutMs", config::actionTimeoutMs, MIN_ACTION_TIMEOUT_MS,
                            MAX_ACTION_TIMEOUT_MS),
                    check.longWithin("seed", config::seed, Long.MIN_VALUE, Long.MAX_VALUE),
                    check.longWithin("controlSliceMs", config::controlSliceMs, MIN_CONTROL_SLICE_MS,
                            MAX_CONTROL_SLICE_MS));
        }
    }

    private final BundleContext context;
    private final Logger logger;
    /** Optional: the kernel starts before, and must not wait for, the event service. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;
    private Settings inForce;
    private ServiceRegistration<Settings> registration;

    @Activate
    public KernelConfiguration(Config config, Map<String, Object> properties, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.logger = logger;
        Settings settings;
        try {
            settings = Settings.of(config, properties);
        } catch (ConfigurationRefused refused) {
            report(refused); // nothing ran before: the kernel starts on its defaults
            settings = Settings.DEFAULTS;
        }
        publish(settings);
    }

    /** A bad change is refused and changes nothing; a good one that changes anything restarts the kernel. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        Settings next;
        try {
            next = Settings.of(config, properties);
        } catch (ConfigurationRefused refused) {
            report(refused);
            return;
        }
        if (!next.equals(inForce)) {
            publish(next);
        }
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }

    /** The old settings go first, so the kernel on them stops before the new one starts. */
    private void publish(Settings settings) {
        if (registration != null) {
            registration.unregister();
        }
        inForce = settings;
        registration = context.registerService(Settings.class, settings, null);
    }

    private void report(ConfigurationRefused refused) {
        logger.error("{}", refused.getMessage());
        EventAdmin events = eventAdmin;
        if (events != null) {
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
        }
    }
}
