package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.Timer;

class InlineWorldTest {

    private final InlineWorld world = new InlineWorld();

    @Test
    void advanceFiresTheClocksTimersAndReportsTheSpan() {
        Timer timer = world.clock().newTimer("t", () -> { });
        timer.armAfter(5);
        AdvanceReport report = world.advance(10);
        assertEquals(new AdvanceReport(0, 10, 1), report);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> world.advance(-1));
        assertTrue(refused.getMessage().contains("-1"), refused.getMessage());
        assertEquals(10, world.clock().nanoTime(), "a refused advance changes nothing");
    }

    @Test
    void actionsRunAtOnceOnTheCallersThreadAndAPostedFailureIsInItsFuture() {
        assertTrue(world.call(world::inWorld));
        CompletableFuture<Object> failed = world.post(() -> {
            throw new IllegalStateException("refused");
        });
        assertTrue(failed.isCompletedExceptionally());
    }
}
