package org.nicmanager.sim.network;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameSource;
import org.nicmanager.kernel.api.sim.NicModel;
import org.nicmanager.kernel.api.sim.SimulatedCard;
import org.nicmanager.kernel.api.sim.SimulatedWorld;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulated physical world of the host: builds the model on the network world's thread and offers it as the
 * {@link SimulatedWorld} of the driver bundles and as this bundle's {@link Hardware}. A configuration change, or a
 * kernel restart, builds a new, empty world; the configured switches and cards are then built again in it. Immediate,
 * because the world holds state: a delayed component would be dropped, world and all, once no one used it.
 */
@Component(service = {SimulatedWorld.class, Hardware.class, NameSource.class},
        configurationPid = SimulatedHardware.PID, immediate = true)
@Designate(ocd = SimulatedHardware.Config.class)
public final class SimulatedHardware implements SimulatedWorld, Hardware, NameSource {

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

    @ObjectClassDefinition(name = "Simulated network",
            description = "The simulated physical world: cables, switches, external hosts. A change builds a new,"
                    + " empty world, and the configured switches and cards are built again in it.")
    public @interface Config {

        @AttributeDefinition(name = "Cable propagation delay (ns)",
                description = "Time a bit takes along one cable; 5 ns per metre of copper.", min = "0")
        long cablePropagationDelayNanos() default DEFAULT_CABLE_PROPAGATION_DELAY_NANOS;

        @AttributeDefinition(name = "MAC aging (s)",
                description = "How long a switch remembers where a MAC was seen.", min = "1")
        long macAgingSeconds() default DEFAULT_MAC_AGING_SECONDS;

        @AttributeDefinition(name = "Switch egress queue (frames)",
                description = "Frames a switch port holds for sending; beyond that it drops, counted as queue-full"
                        + " drops.", min = "1")
        int switchEgressQueueFrames() default DEFAULT_SWITCH_EGRESS_QUEUE_FRAMES;

        @AttributeDefinition(name = "Frame buffers",
                description = "Standard (2 KiB) buffers in the world's frame pool, for hosts, floods and flooded"
                        + " copies; a sixteenth as many jumbo buffers come with them.",
                min = "1")
        int poolBuffers() default DEFAULT_POOL_BUFFERS;

        @AttributeDefinition(name = "Default host link (bps)",
                description = "Link speed of an external host added without one.", min = "1")
        long defaultHostLinkBps() default DEFAULT_HOST_LINK_BPS;

        @AttributeDefinition(name = "Random seed",
                description = "Seed of the world's randomness (MACs, Poisson traffic): the same seed and script give"
                        + " the same numbers.")
        long seed() default DEFAULT_SEED;
    }

    private final NetworkWorld world;
    private final PhysicalWorld model;
    private final WorldNames names = new WorldNames();

    @Activate
    public SimulatedHardware(Config config, @Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference EventAdmin eventAdmin, @Reference(service = LoggerFactory.class) Logger logger) {
        SimSettings settings = settings(config);
        this.world = world;
        SimEventPoster events = new SimEventPoster(eventAdmin, scheduler);
        // The model arms timers and owns world state from its first line, so it is born on the world thread.
        this.model = world.call(() -> new SimulatedNetwork(scheduler, events, config.seed(), settings));
        logger.info("simulated network ready (seed {}, {})", config.seed(), settings);
    }

    /**
     * A world being replaced stops its hosts' traffic sources: their timers would otherwise run on in a world that no
     * one can see any more. Floods and fault timers end by themselves. Captures end and close their files.
     */
    @Deactivate
    void deactivate() {
        run(physical -> {
            physical.topology().links().stream().filter(link -> link.kind().equals(HOST_KIND))
                    .forEach(host -> physical.stopTraffic(host.device()));
            physical.stopAllCaptures(); // their files are complete, not cut off in a buffer
        });
    }

    /** @throws IllegalArgumentException naming the first value out of range; the component then stays inactive */
    static SimSettings settings(Config config) {
        requireAtLeast("cablePropagationDelayNanos", config.cablePropagationDelayNanos(), 0);
        requireAtLeast("macAgingSeconds", config.macAgingSeconds(), 1);
        requireAtLeast("switchEgressQueueFrames", config.switchEgressQueueFrames(), 1);
        requireAtLeast("poolBuffers", config.poolBuffers(), 1);
        requireAtLeast("defaultHostLinkBps", config.defaultHostLinkBps(), 1);
        return new SimSettings(config.cablePropagationDelayNanos(),
                Math.multiplyExact(config.macAgingSeconds(), NANOS_PER_SECOND), config.switchEgressQueueFrames(),
                config.poolBuffers(), config.defaultHostLinkBps());
    }

    private static void requireAtLeast(String attribute, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(PID + ": " + attribute + " must be at least " + minimum + ", not "
                    + value);
        }
    }

    /** Every change of the world comes through here, so the name snapshot is brought up to date here too. */
    @Override
    public <T> T call(Function<PhysicalWorld, T> action) {
        return world.call(() -> {
            T result = action.apply(model);
            names.refresh(model);
            return result;
        });
    }

    @Override
    public List<NameEntry> names() {
        return names.snapshot();
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
