package org.nicmanager.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * Base of the test harnesses that run a real world thread on virtual time: set-up and inspection run inside the world,
 * time moves only by {@link #advance}, and {@link #close} fails the test if any timer threw. The world itself is made
 * by the subclass (kernel.core's world thread, which this module cannot name without a cycle); the subclass adds what
 * it builds in that world.
 *
 * @param <W> the world: a network world with a clock, closed with the harness
 */
public abstract class VirtualWorldHarness<W extends NetworkWorld & KernelClock & AutoCloseable>
        implements AutoCloseable {

    private final List<String> timerFailures = Collections.synchronizedList(new ArrayList<>());
    /** The world, to hand to what the test builds in it. */
    public final W world;

    /** @param worldReportingTo makes the world, given where it must report a timer that threw */
    protected VirtualWorldHarness(Function<BiConsumer<String, Throwable>, W> worldReportingTo) {
        world = worldReportingTo.apply((timer, failure) -> timerFailures.add(timer + ": " + failure));
    }

    public <T> T call(Supplier<T> action) {
        return world.call(action);
    }

    public void run(Runnable action) {
        world.run(action);
    }

    public void advance(long nanos) {
        world.advance(nanos);
    }

    public long now() {
        return world.nanoTime();
    }

    /** The timers that threw so far, as "timer: failure". */
    public List<String> timerFailures() {
        synchronized (timerFailures) {
            return List.copyOf(timerFailures);
        }
    }

    @Override
    public void close() {
        try {
            world.close();
        } catch (Exception failed) {
            throw new IllegalStateException("the world did not close", failed);
        }
        if (!timerFailures.isEmpty()) {
            throw new AssertionError("timers failed: " + timerFailures());
        }
    }
}
