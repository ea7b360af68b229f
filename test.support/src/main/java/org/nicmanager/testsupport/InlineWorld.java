package org.nicmanager.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * Test double of the network world under the virtual clock: every action runs at once on the caller's thread, which
 * counts as the world's thread, and {@link #advance} moves a {@link ManualScheduler}, firing its timers in order. A
 * component is then driven from one test thread, with no world thread to wait for. Open to extension for a test
 * that needs more of a world.
 */
public class InlineWorld implements NetworkWorld {

    private final ManualScheduler clock;

    /** A world on a clock of its own ({@link #clock()}). */
    public InlineWorld() {
        this(new ManualScheduler());
    }

    /** A world on {@code clock}, which the test may also move by hand. */
    public InlineWorld(ManualScheduler clock) {
        this.clock = clock;
    }

    /** The world's clock, to hand to components as their kernel scheduler. */
    public ManualScheduler clock() {
        return clock;
    }

    @Override
    public <T> CompletableFuture<T> post(Supplier<T> action) {
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public <T> T call(Supplier<T> action) {
        return action.get();
    }

    @Override
    public boolean inWorld() {
        return true;
    }

    @Override
    public int queueDepth() {
        return 0;
    }

    @Override
    public ClockMode clockMode() {
        return ClockMode.VIRTUAL;
    }

    @Override
    public AdvanceReport advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot advance by " + nanos + " ns: the span must be 0 or more");
        }
        long from = clock.nanoTime();
        long firedBefore = clock.firedTimers();
        clock.advance(nanos);
        return new AdvanceReport(from, clock.nanoTime(), clock.firedTimers() - firedBefore);
    }
}
