package org.nicmanager.kernel.core;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.config.ConfigurationCheck;
import org.nicmanager.kernel.api.config.ConfigurationRefused;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.world.WorldThread;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentContext;
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
 * The microkernel's time and world services: the clock, the scheduler and the network world, backed by one
 * {@link WorldThread}. The clock mode comes from configuration; changing it restarts the kernel, and every component
 * that uses it, on the new clock. A configuration with a value out of bounds is refused before anything stops: it is
 * logged and posted ({@link ConfigurationRefused#TOPIC}) naming the file, key, value and what is allowed, and the
 * kernel runs on with its settings.
 */
@Component(service = {KernelClock.class, KernelScheduler.class, NetworkWorld.class, Kernel.class}, immediate = true,
        configurationPid = Kernel.PID)
@Designate(ocd = Kernel.Config.class)
public final class Kernel implements KernelScheduler, NetworkWorld {

    public static final String PID = "org.nicmanager.kernel";
    public static final long DEFAULT_ACTION_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_SEED = 1;
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
                description = "How long a caller waits for the network world to run a posted action.", min = "100",
                max = "86400000")
        long actionTimeoutMs() default DEFAULT_ACTION_TIMEOUT_MS;

        @AttributeDefinition(name = "Random seed", description = "Seed for reproducible random workloads.")
        long seed() default DEFAULT_SEED;
    }

    /** The settings a kernel runs on, each checked against both bounds. */
    record Settings(ClockMode clockMode, long actionTimeoutMs, long seed) {

        static final Settings DEFAULTS = new Settings(ClockMode.VIRTUAL, DEFAULT_ACTION_TIMEOUT_MS, DEFAULT_SEED);

        /** @throws ConfigurationRefused naming the first bad value */
        static Settings of(Config config, Map<String, ?> properties) {
            ConfigurationCheck check = new ConfigurationCheck(PID, properties);
            return new Settings(check.oneOf("clockMode", config::clockMode, ClockMode.class),
                    check.longWithin("actionTimeoutMs", config::actionTimeoutMs, MIN_ACTION_TIMEOUT_MS,
                            MAX_ACTION_TIMEOUT_MS),
                    check.longWithin("seed", config::seed, Long.MIN_VALUE, Long.MAX_VALUE));
        }
    }

    private final WorldThread world;
    private final Settings inForce;
    private final ComponentContext context;
    private final Logger logger;
    /** Optional: the kernel starts before, and must not wait for, the event service. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public Kernel(Config config, Map<String, Object> properties, ComponentContext context,
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
        this.inForce = settings;
        this.world = new WorldThread(settings.clockMode(), settings.actionTimeoutMs() * 1_000_000L,
                (timer, failure) -> logger.error("timer '{}' failed", timer, failure));
        logger.info("network world started on the {} clock", settings.clockMode());
    }

    /**
     * A good change restarts the kernel on the new settings, as a change always has (DS activates it again, and every
     * component that uses it); a bad one is refused and the world runs on untouched.
     */
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
            String name = (String) properties.get(ComponentConstants.COMPONENT_NAME);
            context.disableComponent(name);
            context.enableComponent(name);
        }
    }

    private void report(ConfigurationRefused refused) {
        logger.error("{}", refused.getMessage());
        EventAdmin events = eventAdmin;
        if (events != null) {
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
        }
    }

    @Deactivate
    void deactivate() {
        world.close();
    }

    /** The seed for reproducible random workloads. */
    public long seed() {
        return inForce.seed();
    }

    /** Timer statistics for kernel:info; read on the world thread. */
    public long armedTimers() {
        return world.armedTimers();
    }

    public long firedTimers() {
        return world.firedTimers();
    }

    public long timerFailures() {
        return world.timerFailures();
    }

    // --- delegation to the world thread ---------------------------------------------------------------------------

    @Override
    public long nanoTime() {
        return world.nanoTime();
    }

    @Override
    public ClockMode mode() {
        return world.mode();
    }

    @Override
    public ClockMode clockMode() {
        return world.clockMode();
    }

    @Override
    public Timer newTimer(String name, Runnable action) {
        return world.newTimer(name, action);
    }

    @Override
    public <T> CompletableFuture<T> post(Supplier<T> action) {
        return world.post(action);
    }

    @Override
    public <T> T call(Supplier<T> action) {
        return world.call(action);
    }

    @Override
    public boolean inWorld() {
        return world.inWorld();
    }

    @Override
    public int queueDepth() {
        return world.queueDepth();
    }

    @Override
    public AdvanceReport advance(long nanos) {
        return world.advance(nanos);
    }
}
