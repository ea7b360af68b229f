package org.nicmanager.kernel.core.world;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
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
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.time.WorldTimeoutException;
import org.nicmanager.kernel.core.driver.WorldRings;
import org.nicmanager.kernel.core.time.TimerQueue;
import org.nicmanager.lib.units.TimeSpan;

/**
 * The network world: one thread that owns all network state, its clock and its timers (DESIGN.md section 3).
 *
 * <p>Outside threads post actions through a lock-free queue and wake the thread with {@code unpark}. Under the real
 * clock the thread also sleeps until the next timer deadline. Under the virtual clock time stands still until
 * {@link #advance(long)} moves it, and timers fire in (deadline, arm order), so the same script always gives the same
 * numbers.
 *
 * <p>Driver threads hand frames over through rings ({@link DriverRings}, DESIGN.md section 3a): a publish flags its
 * ring and unparks the thread, and the loop drains flagged rings after the posted actions.
 */
public final class WorldThread implements NetworkWorld, KernelScheduler, DriverRings, AutoCloseable {

    private static final long JOIN_TIMEOUT_MS = 5_000;
    /** Wait for as long as the world takes (see {@link #call}). */
    private static final long NO_TIMEOUT = -1;
    /** The control slice of a world made without one (tests): the kernel's default. */
    public static final long DEFAULT_CONTROL_SLICE_NANOS = 2_000_000;

    private final ClockMode mode;
    private final long actionTimeoutNanos;
    /** How long bulk control work may hold the thread in one go ({@link #runInSlices}). */
    private final long controlSliceNanos;
    /**
     * The machine's monotonic time, in nanoseconds, for measuring slices: how long work holds the thread is real time
     * under either clock, since frames from real NICs and callers wait in real time.
     */
    private final LongSupplier sliceTicker;
    private final BiConsumer<String, Throwable> timerFailureSink;
    private final long realOriginNanos = System.nanoTime();
    /** Virtual time; written only by the world thread, read by anyone (release/acquire is enough). */
    private final AtomicLong virtualNanos = new AtomicLong();
    private final TimerQueue timers = new TimerQueue(this);
    private final ConcurrentLinkedQueue<PostedAction<?>> actions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private final WorldRings rings;
    private volatile boolean running = true;
    private long timerFailures;

    /**
     * @param timerFailureSink told about each timer or driver ring handler that threw; the world goes on
     */
    public WorldThread(ClockMode mode, long actionTimeoutNanos, BiConsumer<String, Throwable> timerFailureSink) {
        this(mode, actionTimeoutNanos, DEFAULT_CONTROL_SLICE_NANOS, System::nanoTime, timerFailureSink);
    }

    /**
     * @param controlSliceNanos how long bulk control work may hold the thread in one go
     * @param sliceTicker       the machine's monotonic nanoseconds (a test may give its own)
     */
    public WorldThread(ClockMode mode, long actionTimeoutNanos, long controlSliceNanos, LongSupplier sliceTicker,
            BiConsumer<String, Throwable> timerFailureSink) {
        if (controlSliceNanos <= 0) {
            throw new IllegalArgumentException("a control slice must be positive: " + controlSliceNanos + " ns");
        }
        this.mode = mode;
        this.actionTimeoutNanos = actionTimeoutNanos;
        this.controlSliceNanos = controlSliceNanos;
        this.sliceTicker = sliceTicker;
        this.timerFailureSink = timerFailureSink;
        this.thread = new Thread(this::loop, "nicmgr-world");
        this.thread.setDaemon(true);
        this.timers.setOwner(thread);
        this.rings = new WorldRings(thread, timerFailureSink);
        this.thread.start();
    }

    // --- clock and timers -----------------------------------------------------------------------------------------

    @Override
    public long nanoTime() {
        return mode == ClockMode.VIRTUAL ? virtualNanos.get() : System.nanoTime() - realOriginNanos;
    }

    @Override
    public ClockMode mode() {
        return mode;
    }

    @Override
    public ClockMode clockMode() {
        return mode;
    }

    @Override
    public Timer newTimer(String name, Runnable action) {
        return timers.newTimer(name, action);
    }

    public int armedTimers() {
        return timers.size();
    }

    public long firedTimers() {
        return timers.firedCount();
    }

    /** Timers whose action threw. Each was reported to the failure sink. */
    public long timerFailures() {
        return timerFailures;
    }

    // --- driver rings ---------------------------------------------------------------------------------------------

    /** The driver rings of this thread, for a facade that is the NetworkWorld service (the kernel). */
    public WorldRings rings() {
        return rings;
    }

    @Override
    public ReceiveRing openReceive(NetworkWorld world, String name, int slots, ReceiveHandler handler) {
        WorldRings.requireWorld(this, world, name);
        return rings.openReceive(this, name, slots, handler);
    }

    @Override
    public TransmitRing openTransmit(NetworkWorld world, String name, int slots, TransmitHandler handler) {
        WorldRings.requireWorld(this, world, name);
        return rings.openTransmit(this, name, slots, handler);
    }

    @Override
    public FrameSupply newSupply(String name, int buffers, int bufferBytes, FrameMemory memory) {
        return WorldRings.newSupply(name, buffers, bufferBytes, memory);
    }

    // --- posting actions ------------------------------------------------------------------------------------------

    @Override
    public <T> CompletableFuture<T> post(Supplier<T> action) {
        PostedAction<T> posted = new PostedAction<>(action);
        if (!running) {
            posted.reject("the network world has stopped");
            return posted.future;
        }
        queued.incrementAndGet();
        actions.add(posted);
        LockSupport.unpark(thread);
        if (!running) {
            rejectWaiting();
        }
        return posted.future;
    }

    /**
     * Waits for the action's answer. Only a real-clock world has a deadline: under the virtual clock time stands still
     * until the world answers, so a slow answer means a busy machine, and a deadline would only turn load into
     * failures (a script or a test on a loaded machine).
     */
    @Override
    public <T> T call(Supplier<T> action) {
        if (inWorld()) {
            return action.get();
        }
        return await(post(action), mode == ClockMode.REAL ? actionTimeoutNanos : NO_TIMEOUT);
    }

    /** Each slice is an action of its own, so what was posted meanwhile runs between two slices. */
    @Override
    public void runInSlices(BooleanSupplier step) {
        if (inWorld()) {
            while (step.getAsBoolean()) {
                // the world cannot wait for itself: all at once
            }
            return;
        }
        while (call(() -> slice(step))) {
            // the next slice, after what waited
        }
    }

    /** On the world thread: steps until the work is done or the slice has passed. @return whether work is left */
    private boolean slice(BooleanSupplier step) {
        long start = sliceTicker.getAsLong();
        while (step.getAsBoolean()) {
            if (sliceTicker.getAsLong() - start >= controlSliceNanos) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean inWorld() {
        return Thread.currentThread() == thread;
    }

    @Override
    public int queueDepth() {
        return queued.get();
    }

    @Override
    public AdvanceReport advance(long nanos) {
        if (mode != ClockMode.VIRTUAL) {
            throw new IllegalStateException("kernel:advance needs the virtual clock, but this host runs on the real"
                    + " clock; start it with --clock virtual to step time by hand");
        }
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot advance by a negative span: " + nanos + " ns");
        }
        if (inWorld()) {
            throw new IllegalStateException("advance was called from inside the network world; only an outside"
                    + " caller can move virtual time");
        }
        return await(post(() -> advanceInWorld(nanos)), NO_TIMEOUT);
    }

    private AdvanceReport advanceInWorld(long nanos) {
        long from = virtualNanos.get();
        long target;
        try {
            target = Math.addExact(from, nanos);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("cannot advance by " + TimeSpan.format(nanos)
                    + ": kernel time would overflow");
        }
        long firedBefore = timers.firedCount();
        long deadline;
        while ((deadline = timers.nextDeadline()) <= target) {
            // A deadline already in the past fires now: the clock never runs backwards.
            if (deadline > virtualNanos.get()) {
                virtualNanos.lazySet(deadline);
            }
            fireFirstSafely();
        }
        virtualNanos.lazySet(target);
        return new AdvanceReport(from, target, timers.firedCount() - firedBefore);
    }

    private <T> T await(CompletableFuture<T> future, long timeoutNanos) {
        try {
            return timeoutNanos < 0 ? future.get() : future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            future.cancel(false);
            throw new WorldTimeoutException("the network world did not answer within "
                    + TimeSpan.format(timeoutNanos) + " (" + queueDepth() + " actions waiting)");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new WorldTimeoutException("interrupted while waiting for the network world");
        } catch (CancellationException cancelled) {
            throw new WorldTimeoutException("the action was cancelled before the network world ran it");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    // --- the thread -----------------------------------------------------------------------------------------------

    private void loop() {
        while (running) {
            runPostedActions();
            rings.drainSignalled();
            if (mode == ClockMode.REAL) {
                fireDueRealTimers();
            }
            rings.ringDoorbells();
            if (running && actions.isEmpty() && !rings.hasWork()) {
                sleepUntilWork();
            }
        }
        rejectWaiting();
    }

    private void runPostedActions() {
        PostedAction<?> posted;
        while ((posted = actions.poll()) != null) {
            queued.decrementAndGet();
            posted.run();
        }
    }

    private void fireDueRealTimers() {
        while (actions.isEmpty() && !rings.hasWork() && timers.nextDeadline() <= nanoTime()) {
            fireFirstSafely();
        }
    }

    private void sleepUntilWork() {
        long next = mode == ClockMode.REAL ? timers.nextDeadline() : Long.MAX_VALUE;
        if (next == Long.MAX_VALUE) {
            LockSupport.park(this);
        } else {
            long wait = next - nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private void fireFirstSafely() {
        String name = timers.firstName();
        try {
            timers.fireFirst();
        } catch (RuntimeException failure) {
            // One faulty timer must not stop the world; the failure is counted and reported, not hidden.
            timerFailures++;
            timerFailureSink.accept(name, failure);
        }
    }

    private void rejectWaiting() {
        PostedAction<?> posted;
        while ((posted = actions.poll()) != null) {
            queued.decrementAndGet();
            posted.reject("the network world has stopped");
        }
    }

    /** Stops the thread; actions still waiting fail with "the network world has stopped". */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inWorld()) {
            try {
                thread.join(JOIN_TIMEOUT_MS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        rejectWaiting();
    }
}
