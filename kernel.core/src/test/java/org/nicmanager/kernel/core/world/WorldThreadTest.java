package org.nicmanager.kernel.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.time.WorldTimeoutException;

class WorldThreadTest {

    private static final long SECOND = 1_000_000_000L;
    private final List<String> failedTimers = new ArrayList<>();
    private WorldThread world;

    private WorldThread start(ClockMode mode, long actionTimeoutNanos) {
        world = new WorldThread(mode, actionTimeoutNanos, (timer, failure) -> failedTimers.add(timer));
        return world;
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void virtualTimeStandsStillUntilAdvanced() {
        start(ClockMode.VIRTUAL, SECOND);
        assertEquals(0, world.nanoTime());
        AdvanceReport report = world.advance(10 * SECOND);
        assertEquals(new AdvanceReport(0, 10 * SECOND, 0), report);
        assertEquals(10 * SECOND, world.nanoTime());
    }

    @Test
    void timersFireAtTheirDeadlinesDuringAnAdvance() {
        start(ClockMode.VIRTUAL, SECOND);
        List<Long> seen = new ArrayList<>();
        world.run(() -> {
            Timer[] tick = new Timer[1];
            tick[0] = world.newTimer("tick", () -> {
                seen.add(world.nanoTime());
                tick[0].armAfter(SECOND / 1000);
            });
            tick[0].armAfter(SECOND / 1000);
        });
        AdvanceReport report = world.advance(SECOND);
        assertEquals(1000, report.timersFired());
        assertEquals(1000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals((i + 1) * (SECOND / 1000), seen.get(i));
        }
        assertEquals(1, world.call(world::armedTimers));
    }

    @Test
    void callRunsInTheWorldAndReturnsTheResult() {
        start(ClockMode.VIRTUAL, SECOND);
        assertTrue(world.call(world::inWorld));
        assertFalse(world.inWorld());
    }

    @Test
    void aRefusedActionKeepsItsExceptionAndMessage() {
        start(ClockMode.VIRTUAL, SECOND);
        IllegalArgumentException refused = new IllegalArgumentException("unknown switch 'sw9'");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> {
                    throw refused;
                }));
        assertSame(refused, thrown);
    }

    @Test
    void aRealClockCallerThatTimesOutGetsAClearErrorAndTheLateActionNeverRuns() throws Exception {
        start(ClockMode.REAL, TimeUnit.MILLISECONDS.toNanos(50));
        CountDownLatch release = new CountDownLatch(1);
        world.post(() -> {
            await(release); // keeps the world busy
        });
        AtomicBoolean lateActionRan = new AtomicBoolean();
        WorldTimeoutException late = assertThrows(WorldTimeoutException.class,
                () -> world.run(() -> lateActionRan.set(true)));
        assertTrue(late.getMessage().contains("did not answer within 50ms"), late.getMessage());
        release.countDown();
        world.call(() -> null); // the world has drained everything posted before
        assertFalse(lateActionRan.get());
    }

    @Test
    void aVirtualClockCallerWaitsForABusyWorldWhateverItsActionTimeout() throws Exception {
        start(ClockMode.VIRTUAL, 1); // a 1 ns budget: any wall-clock deadline would be missed
        CountDownLatch release = new CountDownLatch(1);
        world.post(() -> {
            await(release); // keeps the world busy, as a loaded machine would
        });
        CompletableFuture<Object> answer = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                answer.complete(world.call(() -> "answered"));
            } catch (RuntimeException failure) {
                answer.complete(failure);
            }
        });
        caller.start();
        while (caller.isAlive() && caller.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until the caller waits on the world (a deadline would make it TIMED_WAITING)
        }
        release.countDown();
        assertEquals("answered", answer.get());
    }

    @Test
    void theRealClockRefusesToAdvance() {
        start(ClockMode.REAL, SECOND);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> world.advance(SECOND));
        assertTrue(refused.getMessage().contains("needs the virtual clock"), refused.getMessage());
    }

    @Test
    void theRealClockFiresTimersAsTimePasses() throws Exception {
        start(ClockMode.REAL, SECOND);
        CompletableFuture<Long> firedAt = new CompletableFuture<>();
        long armedAt = world.call(() -> {
            world.newTimer("soon", () -> firedAt.complete(world.nanoTime())).armAfter(2_000_000);
            return world.nanoTime();
        });
        long fired = firedAt.get(10, TimeUnit.SECONDS);
        assertTrue(fired - armedAt >= 2_000_000, "fired " + (fired - armedAt) + " ns after arming");
    }

    @Test
    void negativeAndOverflowingAdvancesAreRefused() {
        start(ClockMode.VIRTUAL, SECOND);
        assertThrows(IllegalArgumentException.class, () -> world.advance(-1));
        world.advance(SECOND);
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                () -> world.advance(Long.MAX_VALUE));
        assertTrue(overflow.getMessage().contains("overflow"), overflow.getMessage());
        assertEquals(SECOND, world.nanoTime());
    }

    @Test
    void aFailingTimerIsCountedAndReportedAndTheOthersStillFire() {
        start(ClockMode.VIRTUAL, SECOND);
        List<String> fired = new ArrayList<>();
        world.run(() -> {
            world.newTimer("broken", () -> {
                throw new IllegalStateException("boom");
            }).armAt(10);
            world.newTimer("healthy", () -> fired.add("healthy")).armAt(20);
        });
        assertEquals(2, world.advance(100).timersFired());
        assertEquals(List.of("healthy"), fired);
        assertEquals(List.of("broken"), failedTimers);
        assertEquals(1, world.call(world::timerFailures));
    }

    @Test
    void timersCannotBeArmedFromOutsideTheWorld() {
        start(ClockMode.VIRTUAL, SECOND);
        Timer timer = world.newTimer("outside", () -> { });
        assertThrows(IllegalStateException.class, () -> timer.armAfter(1));
    }

    @Test
    void actionsPostedAfterCloseFailClearly() {
        start(ClockMode.VIRTUAL, SECOND);
        world.close();
        ExecutionException stopped = assertThrows(ExecutionException.class,
                () -> world.post(() -> 1).get(1, TimeUnit.SECONDS));
        assertTrue(stopped.getCause().getMessage().contains("stopped"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
