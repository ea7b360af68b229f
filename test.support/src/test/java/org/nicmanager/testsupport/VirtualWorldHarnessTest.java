package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;

class VirtualWorldHarnessTest {

    /** An inline world with a clock, that keeps where to report a timer failure and knows when it is closed. */
    private static final class ReportingWorld extends InlineWorld implements KernelClock, AutoCloseable {
        final BiConsumer<String, Throwable> timerFailures;
        boolean closed;

        ReportingWorld(BiConsumer<String, Throwable> timerFailures) {
            this.timerFailures = timerFailures;
        }

        @Override
        public ClockMode mode() {
            return ClockMode.VIRTUAL;
        }

        @Override
        public long nanoTime() {
            return clock().nanoTime();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class Harness extends VirtualWorldHarness<ReportingWorld> {
        Harness() {
            super(ReportingWorld::new);
        }
    }

    @Test
    void theHarnessRunsInTheWorldAndMovesItsClock() {
        Harness harness = new Harness();
        assertEquals(42, harness.call(() -> 42));
        harness.advance(5_000);
        assertEquals(5_000, harness.now());
        harness.close();
        assertTrue(harness.world.closed);
    }

    @Test
    void closingFailsTheTestWhenATimerThrewAndStillClosesTheWorld() {
        Harness harness = new Harness();
        harness.world.timerFailures.accept("probe", new IllegalStateException("boom"));
        assertEquals(1, harness.timerFailures().size());
        AssertionError failed = assertThrows(AssertionError.class, harness::close);
        assertTrue(failed.getMessage().contains("probe: java.lang.IllegalStateException: boom"), failed.getMessage());
        assertTrue(harness.world.closed);
    }
}
