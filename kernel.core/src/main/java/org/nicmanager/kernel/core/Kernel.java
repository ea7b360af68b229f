package org.nicmanager.kernel.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.world.WorldThread;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The microkernel's time and world services: the clock, the scheduler and the network world, backed by one
 * {@link WorldThread}. The clock mode comes from configuration; changing it restarts the kernel, and every component
 * that uses it, on the new clock.
 */
@Component(service = {KernelClock.class, KernelScheduler.class, NetworkWorld.class, Kernel.class}, immediate = true,
        configurationPid = Kernel.PID)
@Designate(ocd = Kernel.Config.class)
public final class Kernel implements KernelScheduler, NetworkWorld {

    public static final String PID = "org.nicmanager.kernel";
    public static final long DEFAULT_ACTION_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_SEED = 1;

    @ObjectClassDefinition(name = "NIC Manager kernel",
            description = "Clock and network world of the host. Changing the clock mode restarts the kernel.")
    public @interface Config {

        @AttributeDefinition(name = "Clock mode",
                description = "VIRTUAL: time moves only when advanced, deterministic. REAL: the machine's clock.")
        ClockMode clockMode() default ClockMode.VIRTUAL;

        @AttributeDefinition(name = "Action timeout (ms)",
                description = "Real clock only: how long a caller waits for the network world to run a posted action."
                        + " Under the virtual clock a caller waits until the world answers.", min = "1")
        long actionTimeoutMs() default DEFAULT_ACTION_TIMEOUT_MS;

        @AttributeDefinition(name = "Random seed", description = "Seed for reproducible random workloads.")
        long seed() default DEFAULT_SEED;
    }

    private final WorldThread world;
    private final long seed;

    @Activate
    public Kernel(Config config, @Reference(service = LoggerFactory.class) Logger logger) {
        if (config.actionTimeoutMs() < 1) {
            throw new IllegalArgumentException("actionTimeoutMs must be at least 1, not " + config.actionTimeoutMs());
        }
        this.seed = config.seed();
        this.world = new WorldThread(config.clockMode(), config.actionTimeoutMs() * 1_000_000L,
                (timer, failure) -> logger.error("timer '{}' failed", timer, failure));
        logger.info("network world started on the {} clock", config.clockMode());
    }

    @Deactivate
    void deactivate() {
        world.close();
    }

    /** The seed for reproducible random workloads. */
    public long seed() {
        return seed;
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
