package org.nicmanager.sim.network;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameSource;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.api.SimulatedWorld;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The simulated physical world of the host: builds the model on the network world's thread and offers it as the
 * {@link SimulatedWorld} of the driver bundles and as this bundle's {@link Hardware}. New {@link WorldSettings} (a good
 * configuration change), or a kernel restart, build a new, empty world; the configured switches and cards are then
 * built again in it. A bad configuration never reaches this component. Immediate,
 * because the world holds state: a delayed component would be dropped, world and all, once no one used it.
 */
@Component(service = {SimulatedWorld.class, Hardware.class, NameSource.class}, immediate = true)
public final class SimulatedHardware implements SimulatedWorld, Hardware, NameSource {

    public static final String PID = "org.nicmanager.sim.network";
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** {@link org.nicmanager.sim.network.model.TopologyView.LinkView#kind()} of an external host. */
    private static final String HOST_KIND = "HOST";

    private static final long CAPTURE_CLOSE_WAIT_SECONDS = 10;

    private final NetworkWorld world;
    private final PhysicalWorld model;
    private final WorldNames names = new WorldNames();
    private final Logger logger;

    /** @param settings checked by {@link SimulatedNetworkConfiguration}; a new one means a new world */
    @Activate
    public SimulatedHardware(@Reference WorldSettings settings, @Reference NetworkWorld world,
            @Reference KernelScheduler scheduler, @Reference DriverRings rings, @Reference EventAdmin eventAdmin,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.logger = logger;
        SimEventPoster events = new SimEventPoster(eventAdmin, scheduler);
        // The model arms timers and owns world state from its first line, so it is born on the world thread.
        this.model = world.call(() -> new SimulatedNetwork(scheduler, world, rings, events, settings.seed(),
                settings.model()));
        logger.info("simulated network ready (seed {}, {})", settings.seed(), settings.model());
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
