package org.nicmanager.kernel.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;

/**
 * Bulk control work holds the world for one control slice at a time (issue 17): what was posted meanwhile runs
 * between two slices. The slice is measured on a ticker the test moves, one millisecond per step, so the bound is
 * exact whatever the machine's load.
 */
class WorldSlicesTest {

    private static final long MILLI = 1_000_000L;
    private final AtomicLong ticker = new AtomicLong();
    private WorldThread world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** Each step costs 1 ms and posts a probe if none waits; the probe notes how many steps were done when it ran. */
    private List<Integer> runSteps(ClockMode mode, long sliceMs, int steps) {
        world = new WorldThread(mode, 60_000 * MILLI, sliceMs * MILLI, ticker::get, (timer, failure) -> { });
        List<Integer> probes = new ArrayList<>();
        int[] done = {0};
        boolean[] probeWaiting = {false};
        world.runInSlices(() -> {
            ticker.addAndGet(MILLI);
            done[0]++;
            if (!probeWaiting[0]) {
                probeWaiting[0] = true;
                world.post(() -> {
                    probeWaiting[0] = false;
                    probes.add(done[0]);
                });
            }
            return done[0] < steps;
        });
        assertEquals(steps, world.call(() -> done[0]));
        return world.call(() -> List.copyOf(probes));
    }

    @Test
    void otherActionsRunAfterEverySliceOfBulkWork() {
        List<Integer> probes = runSteps(ClockMode.VIRTUAL, 5, 100);
        // 5 steps of 1 ms fill a 5 ms slice: the world was never held longer, and was free after each slice.
        assertEquals(IntStream.rangeClosed(1, 20).map(slice -> slice * 5).boxed().toList(), probes);
    }

    @Test
    void theSliceIsWhatTheKernelIsConfiguredWith() {
        assertEquals(IntStream.rangeClosed(1, 50).map(slice -> slice * 2).boxed().toList(),
                runSteps(ClockMode.REAL, 2, 100));
        stop();
        assertEquals(List.of(40, 80, 100), runSteps(ClockMode.VIRTUAL, 40, 100));
    }

    @Test
    void workCalledInsideTheWorldRunsToItsEndAtOnce() {
        world = new WorldThread(ClockMode.VIRTUAL, 60_000 * MILLI, MILLI, ticker::get, (timer, failure) -> { });
        List<Integer> order = new ArrayList<>();
        world.run(() -> {
            world.post(() -> order.add(-1));
            int[] done = {0};
            world.runInSlices(() -> {
                ticker.addAndGet(MILLI);
                order.add(++done[0]);
                return done[0] < 10;
            });
        });
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1), world.call(() -> List.copyOf(order)));
    }

    @Test
    void aFailingStepEndsTheWorkAndReachesTheCaller() {
        world = new WorldThread(ClockMode.VIRTUAL, 60_000 * MILLI, MILLI, ticker::get, (timer, failure) -> { });
        int[] done = {0};
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> world.runInSlices(() -> {
            ticker.addAndGet(MILLI);
            if (++done[0] == 3) {
                throw new IllegalArgumentException("no NIC manager");
            }
            return true;
        }));
        assertEquals("no NIC manager", refused.getMessage());
        assertEquals(3, world.call(() -> done[0]));
    }

    @Test
    void aSliceMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new WorldThread(ClockMode.VIRTUAL, MILLI, 0, ticker::get, (timer, failure) -> { }));
    }
}
