package org.nicmanager.sim.network;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.nicmanager.kernel.api.config.ConfigurationCheck;
import org.nicmanager.kernel.api.config.ConfigurationRefused;
import org.nicmanager.kernel.api.sim.NicModel;
import org.nicmanager.kernel.api.sim.SimulatedCard;
import org.nicmanager.kernel.api.sim.SimulatedWorld;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.WorldLimits;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentContext;
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
 * The simulated physical world of the host: builds the model on the network world's thread and offers it as the
 * {@link SimulatedWorld} of the driver bundles and as this bundle's {@link Hardware}. A good configuration change, or a
 * kernel restart, builds a new, empty world; the configured switches and cards are then built again in it. A bad one
 * is refused, naming the file, key, value and what is allowed, and changes nothing. Immediate,
 * because the world holds state: a delayed component would be dropped, world and all, once no one used it.
 */
@Component(service = {SimulatedWorld.class, Hardware.class}, configurationPid = SimulatedHardware.PID,
        immediate = true)
@Designate(ocd = SimulatedHardware.Config.class)
public final class SimulatedHardware implements SimulatedWorld, Hardware {

    public static final String PID = "org.nicmanager.sim.network";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** {@link org.nicmanager.sim.network.model.TopologyView.LinkView#kind()} of an external host. */
    private static final String HOST_KIND = "HOST";

    /** The model's own defaults, so that a host without configuration runs the world its designer measured. */
    public static final long DEFAULT_CABLE_PROPAGATION_DELAY_NANOS = SimSettings.DEFAULT_CABLE_PROPAGATION_DELAY_NANOS;
    public static final long DEFAULT_MAC_AGING_SECONDS = SimSettings.DEFAULT_MAC_AGING_NANOS / NANOS_PER_SECOND;
    public static final int DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES = SimSettings.DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES;
    public static final int DEFAULT_POOL_BUFFERS = SimSettings.DEFAULT_POOL_BUFFERS;
    public static final long DEFAULT_HOST_LINK_BPS = SimSettings.DEFAULT_HOST_LINK_BPS;
    public static final long DEFAULT_SEED = 1;
    /** Upper bounds: beyond them a value is a typo, or would not fit in memory ({@link #MAX_POOL_BUFFERS}). */
    static final long MAX_CABLE_PROPAGATION_DELAY_NANOS = 1_000_000_000L;
    /** IEEE 802.1D's upper bound of the ageing time. */
    static final long MAX_MAC_AGING_SECONDS = 1_000_000;
    static final int MAX_SWITCH_EGRESS_QUEUE_FRAMES = 65_536;
    /** 256 MiB of standard buffers, and a sixteenth as many jumbo ones, allocated up front. */
    static final int MAX_POOL_BUFFERS = 131_072;
    static final long MAX_LINK_BPS = 400_000_000_000L;
    private static final long CAPTURE_CLOSE_WAIT_SECONDS = 10;

    @ObjectClassDefinition(name = "Simulated network",
            description = "The simulated physical world: cables, switches, external hosts. A change builds a new,"
                    + " empty world, and the configured switches and cards are built again in it; a value out of"
                    + " bounds is refused and the world runs on.")
    public @interface Config {

        @AttributeDefinition(name = "Cable propagation delay (ns)",
                description = "Time a bit takes along one cable; 5 ns per metre of copper.", min = "0",
                max = "1000000000")
        long cablePropagationDelayNanos() default DEFAULT_CABLE_PROPAGATION_DELAY_NANOS;

        @AttributeDefinition(name = "MAC aging (s)",
                description = "How long a switch remembers where a MAC was seen.", min = "1", max = "1000000")
        long macAgingSeconds() default DEFAULT_MAC_AGING_SECONDS;

        @AttributeDefinition(name = "Switch egress queue (frames)",
                description = "Frames a switch port holds for sending; beyond that it drops, counted as queue-full"
                        + " drops.", min = "1", max = "65536")
        int switchEgressQueueFrames() default DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES;

        @AttributeDefinition(name = "Frame buffers",
                description = "Standard (2 KiB) buffers in the world's frame pool, for hosts, floods and flooded"
                        + " copies; a sixteenth as many jumbo buffers come with them. Allocated up front: 131072"
                        + " is 256 MiB.",
                min = "1", max = "131072")
        int poolBuffers() default DEFAULT_POOL_BUFFERS;

        @AttributeDefinition(name = "Default host link (bps)",
                description = "Link speed of an external host added without one.", min = "1",
                max = "400000000000")
        long defaultHostLinkBps() default DEFAULT_HOST_LINK_BPS;

        @AttributeDefinition(name = "Random seed",
                description = "Seed of the world's randomness (MACs, Poisson traffic): the same seed and script give"
                        + " the same numbers.")
        long seed() default DEFAULT_SEED;

        @AttributeDefinition(name = "Most switches", description = "Switches the world may hold; one more is"
                + " refused, naming this limit.", min = "1", max = "65536")
        int maxSwitches() default WorldLimits.DEFAULT_MAX_SWITCHES;

        @AttributeDefinition(name = "Most switch ports", description = "Ports of all switches together; a switch"
                + " that would pass it is refused, naming this limit.", min = "1", max = "1048576")
        int maxSwitchPorts() default WorldLimits.DEFAULT_MAX_SWITCH_PORTS;

        @AttributeDefinition(name = "Most external hosts", description = "External hosts (and flood sources) the"
                + " world may hold; one more is refused, naming this limit.", min = "1", max = "65536")
        int maxHosts() default WorldLimits.DEFAULT_MAX_HOSTS;
    }

    private final NetworkWorld world;
    private final PhysicalWorld model;
    private final ComponentContext context;
    private final EventAdmin eventAdmin;
    private final Logger logger;
    private final SimSettings inForce;
    private final long seedInForce;

    @Activate
    public SimulatedHardware(Config config, Map<String, Object> properties, ComponentContext context,
            @Reference NetworkWorld world, @Reference KernelScheduler scheduler, @Reference EventAdmin eventAdmin,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.context = context;
        this.eventAdmin = eventAdmin;
        this.logger = logger;
        SimSettings settings;
        long seed;
        try {
            settings = settings(config, properties);
            seed = config.seed();
        } catch (ConfigurationRefused refused) {
            report(refused); // no settings were in force before: the world starts on the designer's defaults
            settings = SimSettings.defaults();
            seed = DEFAULT_SEED;
        }
        this.inForce = settings;
        this.seedInForce = seed;
        SimEventPoster events = new SimEventPoster(eventAdmin, scheduler);
        // The model arms timers and owns world state from its first line, so it is born on the world thread.
        this.model = world.call(() -> new SimulatedNetwork(scheduler, events, seedInForce, inForce));
        logger.info("simulated network ready (seed {}, {})", seed, settings);
    }

    /**
     * A changed configuration is checked before anything is torn down. A bad one is refused by name and the world runs
     * on untouched. A good one builds a new world, as a change always has: DS activates this component again, on the
     * new configuration, and the configured switches and cards are built again in it.
     */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        SimSettings next;
        try {
            next = settings(config, properties);
        } catch (ConfigurationRefused refused) {
            report(refused);
            return;
        }
        if (next.equals(inForce) && config.seed() == seedInForce) {
            return; // nothing the world is built from changed (FileInstall's own marks, say)
        }
        String name = (String) properties.get(ComponentConstants.COMPONENT_NAME);
        context.disableComponent(name);
        context.enableComponent(name);
    }

    private void report(ConfigurationRefused refused) {
        logger.error("{}", refused.getMessage());
        eventAdmin.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
    }

    /**
     * A world being replaced stops its hosts' traffic sources: their timers would otherwise run on in a world that no
     * one can see any more. Floods and fault timers end by themselves. Captures end, and their writers, on threads of
     * their own, complete the files; that is waited for here, off the world thread.
     */
    @Deactivate
    void deactivate() {
        CompletableFuture<Void> written = call(physical -> {
            physical.topology().links().stream().filter(link -> link.kind().equals(HOST_KIND))
                    .forEach(host -> physical.stopTraffic(host.device()));
            physical.stopAllCaptures();
            return physical.capturesWritten();
        });
        try {
            written.get(CAPTURE_CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException stalled) {
            logger.warn("capture files were not complete when the simulated world stopped: {}", stalled.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every value checked against both its bounds before any is used.
     *
     * @throws ConfigurationRefused naming the file, the key, the value and what is allowed
     */
    static SimSettings settings(Config config, Map<String, ?> properties) {
        ConfigurationCheck check = new ConfigurationCheck(PID, properties);
        long delay = check.longWithin("cablePropagationDelayNanos", config::cablePropagationDelayNanos, 0,
                MAX_CABLE_PROPAGATION_DELAY_NANOS);
        long aging = check.longWithin("macAgingSeconds", config::macAgingSeconds, 1, MAX_MAC_AGING_SECONDS);
        int queue = check.intWithin("switchEgressQueueFrames", config::switchEgressQueueFrames, 1,
                MAX_SWITCH_EGRESS_QUEUE_FRAMES);
        int buffers = check.intWithin("poolBuffers", config::poolBuffers, 1, MAX_POOL_BUFFERS);
        long hostLink = check.longWithin("defaultHostLinkBps", config::defaultHostLinkBps, 1, MAX_LINK_BPS);
        check.longWithin("seed", config::seed, Long.MIN_VALUE, Long.MAX_VALUE); // a word instead of a number
        int switches = check.intWithin(WorldLimits.MAX_SWITCHES, config::maxSwitches, 1, WorldLimits.CEILING);
        int ports = check.intWithin(WorldLimits.MAX_SWITCH_PORTS, config::maxSwitchPorts, 1,
                WorldLimits.PORTS_CEILING);
        int hosts = check.intWithin(WorldLimits.MAX_HOSTS, config::maxHosts, 1, WorldLimits.CEILING);
        return new SimSettings(delay, aging * NANOS_PER_SECOND, queue, buffers, hostLink,
                new WorldLimits(switches, ports, hosts));
    }

    @Override
    public <T> T call(Function<PhysicalWorld, T> action) {
        return world.call(() -> action.apply(model));
    }

    // --- SimulatedWorld, for driver bundles: the same model, entered on the world thread ----------------------------

    @Override
    public SimulatedCard createCard(String name, NicModel nicModel, String switchName) {
        return call(physical -> physical.createCard(name, nicModel, switchName));
    }

    @Override
    public void destroyCard(String name) {
        run(physical -> physical.destroyCard(name));
    }

    @Override
    public Optional<SimulatedCard> card(String name) {
        return call(physical -> physical.card(name));
    }
}
