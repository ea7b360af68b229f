package org.nicmanager.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.time.TimerQueue;
import org.nicmanager.testsupport.ManualScheduler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel timer heap in steady state: 1,024 armed timers, each of which re-arms itself when it fires, as
 * retransmit, LACP and watchdog timers do. No owner thread is set, so the owner check costs one null test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TimerQueueBenchmark {

    private static final int ARMED_TIMERS = 1_024;
    /** A power of two, so the next delay is picked with a mask. */
    private static final int DELAYS = 4_096;

    /** A timer action that re-arms its own timer a precomputed pseudo-random delay later. */
    private final class Rearm implements Runnable {
        Timer timer;

        @Override
        public void run() {
            timer.armAt(clock.nanoTime() + nextDelay());
        }
    }

    /** Kernel time that moves only when the benchmark moves it; its own timers are unused. */
    private final ManualScheduler clock = new ManualScheduler();
    private final long[] delays = new long[DELAYS];
    private int nextDelayIndex;
    private TimerQueue queue;
    private Timer[] timers;
    private int nextTimer;

    @Setup
    public void armTimers() {
        Random random = new Random(20_240_601L);
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = 1_000L + random.nextInt(10_000_000); // 1 us .. 10 ms
        }
        queue = new TimerQueue(clock);
        timers = new Timer[ARMED_TIMERS];
        for (int i = 0; i < ARMED_TIMERS; i++) {
            Rearm action = new Rearm();
            action.timer = queue.newTimer("bench-" + i, action);
            action.timer.armAt(nextDelay());
            timers[i] = action.timer;
        }
    }

    private long nextDelay() {
        return delays[nextDelayIndex++ & (DELAYS - 1)];
    }

    /** One expiry: advance the clock to the earliest deadline, pop that timer and fire it; it re-arms itself. */
    @Benchmark
    public long pollDueAndFire() {
        long deadline = queue.nextDeadline();
        clock.advanceTo(deadline);
        Timer due = queue.pollDue(deadline);
        queue.fire(due);
        return deadline;
    }

    /** One expiry as the world fires it: in place at the top of the heap, where its re-arm needs one sift. */
    @Benchmark
    public long fireInPlace() {
        long deadline = queue.nextDeadline();
        clock.advanceTo(deadline);
        queue.fireFirst();
        return deadline;
    }

    /** Pushing an armed timer's deadline out (mod_timer on a pending timer): an in-place sift, no pop. */
    @Benchmark
    public long rearmArmedTimer() {
        Timer timer = timers[nextTimer++ & (ARMED_TIMERS - 1)];
        timer.armAt(clock.nanoTime() + nextDelay());
        return timer.deadlineNanos();
    }
}
