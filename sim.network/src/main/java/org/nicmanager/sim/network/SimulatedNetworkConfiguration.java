package org.nicmanager.sim.network;

import java.util.Map;

import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.WorldLimits;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * The simulated network's configuration, checked before the world sees it (issue 13). Every value is checked against
 * both its bounds; a bad configuration is refused, logged and posted ({@link ConfigurationRefused#TOPIC}) naming the
 * file, key, value and what is allowed, and the world runs on untouched. A good change replaces the
 * {@link WorldSettings} service, which {@link SimulatedHardware} needs: DS then builds a new world on them, as a
 * configuration change always has. (The gate is a component of its own because a component cannot keep running on
 * its old settings once DS has reactivated it with new ones.)
 */
@Component(service = {}, configurationPid = SimulatedNetworkConfiguration.PID, immediate = true)
@Designate(ocd = SimulatedNetworkConfiguration.Config.class)
public final class SimulatedNetworkConfiguration {

    public static final String PID = "org.nicmanager.sim.network";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

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

    private final BundleContext context;
    private final EventAdmin eventAdmin;
    private final Logger logger;
    private WorldSettings inForce;
    private ServiceRegistration<WorldSettings> registration;

    @Activate
    public SimulatedNetworkConfiguration(Config config, Map<String, Object> properties, BundleContext context,
            @Reference EventAdmin eventAdmin, @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.eventAdmin = eventAdmin;
        this.logger = logger;
        WorldSettings settings;
        try {
            settings = settings(config, properties);
        } catch (ConfigurationRefused refused) {
            report(refused); // nothing was in force before: the world starts on the designer's defaults
            settings = new WorldSettings(SimSettings.defaults(), DEFAULT_SEED);
        }
        publish(settings);
    }

    /** A bad change is refused and changes nothing; a good one that changes anything gets a new world. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        WorldSettings next;
        try {
            next = settings(config, properties);
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

    /** The old settings go first, so the world built on them is torn down before the new one is built. */
    private void publish(WorldSettings settings) {
        if (registration != null) {
            registration.unregister();
        }
        inForce = settings;
        registration = context.registerService(WorldSettings.class, settings, null);
    }

    private void report(ConfigurationRefused refused) {
        logger.error("{}", refused.getMessage());
        eventAdmin.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
    }

    /**
     * Every value checked against both its bounds before any is used.
     *
     * @throws ConfigurationRefused naming the file, the key, the value and what is allowed
     */
    static WorldSettings settings(Config config, Map<String, ?> properties) {
        ConfigurationCheck check = new ConfigurationCheck(PID, properties);
        long delay = check.longWithin("cablePropagationDelayNanos", config::cablePropagationDelayNanos, 0,
                MAX_CABLE_PROPAGATION_DELAY_NANOS);
        long aging = check.longWithin("macAgingSeconds", config::macAgingSeconds, 1, MAX_MAC_AGING_SECONDS);
        int queue = check.intWithin("switchEgressQueueFrames", config::switchEgressQueueFrames, 1,
                MAX_SWITCH_EGRESS_QUEUE_FRAMES);
        int buffers = check.intWithin("poolBuffers", config::poolBuffers, 1, MAX_POOL_BUFFERS);
        long hostLink = check.longWithin("defaultHostLinkBps", config::defaultHostLinkBps, 1, MAX_LINK_BPS);
        long seed = check.longWithin("seed", config::seed, Long.MIN_VALUE, Long.MAX_VALUE); // a word, say
        int switches = check.intWithin(WorldLimits.MAX_SWITCHES, config::maxSwitches, 1, WorldLimits.CEILING);
        int ports = check.intWithin(WorldLimits.MAX_SWITCH_PORTS, config::maxSwitchPorts, 1,
                WorldLimits.PORTS_CEILING);
        int hosts = check.intWithin(WorldLimits.MAX_HOSTS, config::maxHosts, 1, WorldLimits.CEILING);
        return new WorldSettings(new SimSettings(delay, aging * NANOS_PER_SECOND, queue, buffers, hostLink,
                new WorldLimits(switches, ports, hosts)), seed);
    }
}
