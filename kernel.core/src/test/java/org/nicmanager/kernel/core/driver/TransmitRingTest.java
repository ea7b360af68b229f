package org.nicmanager.kernel.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;

/** The world offers frames to a driver's transmit thread (the test thread) and gets their completions back in order. */
class TransmitRingTest {

    private static final long SECOND = 1_000_000_000L;
    private final WorldThread world = new WorldThread(ClockMode.REAL, 10 * SECOND, (where, failure) -> { });
    private final FrameSupply supply = world.newSupply("test", 64, 64, FrameMemory.DIRECT);

    @AfterEach
    void stop() {
        world.close();
    }

    /** The world's side: records completions as "port:OUTCOME" and counts doorbells. */
    private static final class Completions implements TransmitHandler {
        final List<String> seen = new ArrayList<>();
        int doorbells;
        volatile CountDownLatch done = new CountDownLatch(0);

        void expect(int completions) {
            done = new CountDownLatch(completions);
        }

        @Override
        public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
            seen.add(frame.sourcePort() + ":" + outcome);
            frame.release();
            done.countDown();
        }

        @Override
        public void framesWaiting() {
            doorbells++;
        }

        void await() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS), "the world did not drain the completions");
        }
    }

    private TransmitRing open(int slots, Completions completions) {
        return world.call(() -> world.openTransmit(world, "eth0 tx", slots, completions));
    }

    /** Offers frames numbered {@code from..to-1} on the world thread; returns how many the ring accepted. */
    private int offer(TransmitRing ring, int from, int to) {
        return world.call(() -> {
            int accepted = 0;
            for (int number = from; number < to; number++) {
                FrameBuffer frame = supply.take();
                frame.setLength(60);
                frame.setSourcePort(number);
                if (ring.offer(frame)) {
                    accepted++;
                } else {
                    frame.release();
                }
            }
            return accepted;
        });
    }

    @Test
    void completionsMustComeBackInTheOrderTheFramesWereTaken() throws InterruptedException {
        Completions completions = new Completions();
        TransmitRing ring = open(4, completions);
        offer(ring, 0, 3);
        FrameBuffer first = ring.take();
        FrameBuffer second = ring.take();
        FrameBuffer third = ring.take();
        assertNull(ring.take());

        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> ring.complete(second, TransmitOutcome.SENT));
        assertTrue(early.getMessage().contains("out of order; frame 0 is the oldest taken"), early.getMessage());

        completions.expect(3);
        ring.complete(first, TransmitOutcome.SENT);
        ring.complete(second, TransmitOutcome.ABORTED);
        ring.complete(third, TransmitOutcome.SENT);
        IllegalStateException extra = assertThrows(IllegalStateException.class,
                () -> ring.complete(third, TransmitOutcome.SENT));
        assertTrue(extra.getMessage().contains("never taken"), extra.getMessage());
        ring.publish();
        completions.await();

        assertEquals(List.of("0:SENT", "1:ABORTED", "2:SENT"), world.call(() -> List.copyOf(completions.seen)));
        assertEquals(0, world.call(ring::pendingFrames));
        assertEquals(0L, world.call(ring::pendingBytes));
        assertEquals(supply.size(), supply.available());
    }

    @Test
    void aFrameHoldsItsSlotUntilItsCompletionReachedTheWorld() throws InterruptedException {
        Completions completions = new Completions();
        TransmitRing ring = open(4, completions);

        assertEquals(4, offer(ring, 0, 5), "the fifth is refused: BUSY");
        assertTrue(world.call(ring::full));
        assertEquals(1, ring.counters().refusedFull());
        assertEquals(240L, world.call(ring::pendingBytes));
        FrameBuffer first = ring.take();
        ring.complete(first, TransmitOutcome.SENT);
        assertEquals(0, offer(ring, 5, 6), "completed but not yet published: the slot is still in use");

        completions.expect(1);
        ring.publish();
        completions.await();
        assertEquals(1, offer(ring, 6, 7), "the slot came back, round the ring");
        assertEquals(2, ring.counters().refusedFull());

        completions.expect(4);
        for (int i = 0; i < 4; i++) {
            FrameBuffer frame = ring.take();
            ring.complete(frame, TransmitOutcome.SENT);
        }
        ring.publish();
        completions.await();
        assertEquals(List.of("0:SENT", "1:SENT", "2:SENT", "3:SENT", "6:SENT"),
                world.call(() -> List.copyOf(completions.seen)));
    }

    @Test
    void theDoorbellRingsOnlyWhenTheDriverFoundTheRingEmpty() {
        Completions completions = new Completions();
        TransmitRing ring = open(8, completions);

        offer(ring, 0, 3);
        assertEquals(1, world.call(() -> completions.doorbells), "the driver was idle for the first frame only");
        ring.take();
        ring.take();
        offer(ring, 3, 4);
        assertEquals(1, world.call(() -> completions.doorbells), "one frame still waited");
        ring.take();
        ring.take();
        offer(ring, 4, 5);
        assertEquals(1, world.call(() -> completions.doorbells), "the driver took frame 3 but never found it empty");
        ring.take();
        assertNull(ring.take(), "found empty: the driver may sleep now");
        offer(ring, 5, 6);
        assertEquals(2, world.call(() -> completions.doorbells));
    }

    @Test
    void aDriverThreadSendsEveryFrameAndTheWorldSeesCompletionsInOrder() throws InterruptedException {
        int frames = 100_000;
        Completions completions = new Completions();
        completions.expect(frames);
        TransmitRing[] ring = new TransmitRing[1];
        int[] next = {0};
        // The world refills the ring as completions free slots, as a bond refills on transmitReady.
        Runnable refill = () -> {
            while (next[0] < frames && !ring[0].full()) {
                FrameBuffer frame = supply.take();
                frame.setLength(60);
                frame.setSourcePort(next[0]++);
                assertTrue(ring[0].offer(frame));
            }
        };
        world.run(() -> {
            ring[0] = world.openTransmit(world, "eth0 tx", 16, new TransmitHandler() {
                @Override
                public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                    completions.transmitDone(frame, outcome);
                    refill.run();
                }
            });
            refill.run();
        });
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<Throwable> driverFailure = new AtomicReference<>();
        Thread driver = new Thread(() -> {
            try {
                while (stop.getCount() > 0) {
                    FrameBuffer frame;
                    int batch = 0;
                    while ((frame = ring[0].take()) != null) {
                        ring[0].complete(frame, TransmitOutcome.SENT);
                        batch++;
                    }
                    if (batch > 0) {
                        ring[0].publish();
                    }
                    Thread.onSpinWait();
                }
            } catch (Throwable failure) {
                driverFailure.set(failure);
            }
        }, "driver tx");
        driver.start();
        completions.await();
        stop.countDown();
        driver.join(10_000);

        assertNull(driverFailure.get());
        List<String> seen = world.call(() -> List.copyOf(completions.seen));
        for (int i = 0; i < frames; i++) {
            if (!seen.get(i).equals(i + ":SENT")) {
                throw new AssertionError("completion " + seen.get(i) + " in place " + i);
            }
        }
        assertEquals(frames, ring[0].counters().delivered());
        assertSame(world, ring[0].world());
        assertEquals(supply.size(), supply.available());
    }

    @Test
    void closingAbortsWhatTheDriverNeverCompletedOldestFirst() {
        Completions completions = new Completions();
        TransmitRing ring = open(4, completions);
        offer(ring, 0, 3);
        FrameBuffer first = ring.take();
        ring.take();
        ring.complete(first, TransmitOutcome.SENT);
        ring.publish();

        world.run(ring::close);

        assertEquals(List.of("0:SENT", "1:ABORTED", "2:ABORTED"), world.call(() -> List.copyOf(completions.seen)));
        assertFalse(world.call(() -> ring.offer(FrameBuffer.unpooled(60))), "a closed ring takes nothing");
        assertEquals(supply.size(), supply.available());
    }
}
