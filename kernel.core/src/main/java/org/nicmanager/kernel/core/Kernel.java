package org.nicmanager.kernel.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveHandler;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.driver.WorldRings;
import org.nicmanager.kernel.core.world.WorldThread;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The microkernel's time and world services: the clock, the scheduler, the network world and its driver rings, backed
 * by one {@link WorldThread}. The clock mode comes from configuration, checked by {@link KernelConfiguration}; a good change
 * restarts the kernel, and every component that uses it, on the new settings, and a bad one never reaches it.
 */
@Component(service = {KernelClock.class, KernelScheduler.class, NetworkWorld.class, DriverRings.class, Kernel.class},
        immediate = true, configurationPid = KernelConfiguration.PID)
public final class Kernel implements KernelScheduler, NetworkWorld, DriverRings {

    private final WorldThread world;
    private final KernelConfiguration.Settings settings;

    /** @param settings checked by {@link KernelConfiguration}; new ones restart the kernel */
    @Activate
    public Kernel(@Reference KernelConfiguration.Settings settings,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.settings = settings;
        this.world = new WorldThread(settings.clockMode(), settings.actionTimeoutMs() * 1_000_000L,
                settings.controlSliceMs() * 1_000_000L, System::nanoTime, (where, failure) -> logger.error(
                        where.startsWith(WorldRings.FAILURE_PREFIX) ? "{} handler failed" : "timer '{}' failed",
                        where, failure));
        logger.info("network world started on the {} clock", settings.clockMode());
    }

    /**
     * The configuration reaches this component only to show as its service properties ({@link
     * KernelClock#CLOCK_MODE_PROPERTY}, which the launcher waits for). It never restarts the kernel by itself: only new
     * {@link KernelConfiguration.Settings} do, so a refused configuration leaves the world running.
     */
    @Modified
    void propertiesChanged() {
        // nothing: the checked settings arrive as a new Settings service
    }

    @Deactivate
    void deactivate() {
        world.close();
    }

    /** The seed for reproducible random workloads. */
    public long seed() {
        return settings.seed();
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

    // --- driver rings: they feed this world, which drivers know as the NetworkWorld service ---------------------

    @Override
    public ReceiveRing openReceive(NetworkWorld feeds, String name, int slots, ReceiveHandler handler) {
        WorldRings.requireWorld(this, feeds, name);
        return world.rings().openReceive(this, name, slots, handler);
    }

    @Override
    public TransmitRing openTransmit(NetworkWorld feeds, String name, int slots, TransmitHandler handler) {
        WorldRings.requireWorld(this, feeds, name);
        return world.rings().openTransmit(this, name, slots, handler);
    }

    @Override
    public FrameSupply newSupply(String name, int buffers, int bufferBytes, FrameMemory memory) {
        return WorldRings.newSupply(name, buffers, bufferBytes, memory);
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
    public void runInSlices(BooleanSupplier step) {
        world.runInSlices(step);
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
