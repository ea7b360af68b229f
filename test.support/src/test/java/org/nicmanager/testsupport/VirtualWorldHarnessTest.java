package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;

class VirtualWorldHarnessTest {

    /** An inline world that reports a timer failure where the harness told it to, and knows when it is closed. */
    private static final class ReportingWorld implements NetworkWorld, KernelClock, AutoCloseable {
        final InlineWorld inline = new InlineWorld();
        final BiConsumer<String, Throwable> timerFailures;
        boolean closed;

        ReportingWorld(BiConsumer<String, Throwable> timerFailures) {
            this.timerFailures = timerFailures;
        }

        @Override
        public <T> CompletableFuture<T> post(Supplier<T> action) {
            return inline.post(action);
        }

        @Override
        public <T> T call(Supplier<T> action) {
            return inline.call(action);
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
            return inline.advance(nanos);
        }

        @Override
        public ClockMode mode() {
            return ClockMode.VIRTUAL;
        }

        @Override
        public long nanoTime() {
            return inline.clock().nanoTime();
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
