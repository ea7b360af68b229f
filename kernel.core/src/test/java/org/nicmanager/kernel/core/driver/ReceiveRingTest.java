package org.nicmanager.kernel.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.RingCounters;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;

/** A driver's receive thread hands frames to the world through a ring; the test thread plays the driver. */
class ReceiveRingTest {

    private static final long SECOND = 1_000_000_000L;
    private final List<String> failures = new ArrayList<>();
    private final WorldThread world = new WorldThread(ClockMode.REAL, 10 * SECOND,
            (where, failure) -> failures.add(where + ": " + failure.getMessage()));
    private final FrameSupply supply = world.newSupply("test", 64, 64, FrameMemory.HEAP);

    @AfterEach
    void stop() {
        world.close();
    }

    /** Frames numbered through their source port, so order is visible. */
    private FrameBuffer frame(int number) {
        FrameBuffer frame = supply.take();
        frame.setLength(60);
        frame.setSourcePort(number);
        return frame;
    }

    /** A handler that records source ports on the world thread and counts down once per frame. */
    private static final class Recorder {
        final List<Integer> seen = new ArrayList<>();
        volatile CountDownLatch arrived = new CountDownLatch(0);

        void expect(int frames) {
            arrived = new CountDownLatch(frames);
        }

        void take(FrameBuffer frame) {
            seen.add(frame.sourcePort());
            frame.release();
            arrived.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the world did not drain the ring");
        }
    }

    private ReceiveRing open(int slots, Recorder recorder) {
        return world.call(() -> world.openReceive(world, "eth0 rx", slots, recorder::take));
    }

    @Test
    void aFullRingRefusesTheFrameLeavesItWithTheCallerAndCountsIt() throws InterruptedException {
        Recorder recorder = new Recorder();
        ReceiveRing ring = open(4, recorder);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(frame(i)));
        }
        FrameBuffer fifth = frame(4);

        assertFalse(ring.offer(fifth));

        assertEquals(new RingCounters(1, 1, 0, 0), ring.counters(), "nothing published yet, one refused");
        recorder.expect(4);
        ring.publish();
        recorder.await();
        assertEquals(List.of(0, 1, 2, 3), world.call(() -> List.copyOf(recorder.seen)));
        fifth.release(); // still the caller's: a second release would throw
        assertEquals(supply.size(), supply.available());
    }

    @Test
    void slotsAreReusedRoundTheRingInOrder() throws InterruptedException {
        Recorder recorder = new Recorder();
        ReceiveRing ring = open(4, recorder);
        List<Integer> sent = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            recorder.expect(3);
            for (int i = 0; i < 3; i++) {
                int number = batch * 3 + i;
                assertTrue(ring.offer(frame(number)), "frame " + number);
                sent.add(number);
            }
            ring.publish();
            recorder.await(); // the world freed the slots before it handed the frames on
        }

        assertEquals(sent, world.call(() -> List.copyOf(recorder.seen)));
        RingCounters counters = ring.counters();
        assertEquals(15, counters.offered());
        assertEquals(15, counters.delivered());
        assertEquals(0, counters.refusedFull());
        assertEquals(5, counters.wakeUps(), "one wake-up per published batch");
    }

    @Test
    void aProducerThreadFeedsTheWorldWithoutLossOrReordering() throws InterruptedException {
        int frames = 200_000;
        Recorder recorder = new Recorder();
        recorder.expect(frames);
        ReceiveRing ring = open(32, recorder);
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                int batch = 0;
                for (int number = 0; number < frames; ) {
                    FrameBuffer frame = supply.take();
                    if (frame == null || !offerNumbered(ring, frame, number)) {
                        ring.publish(); // let the world catch up and give buffers back
                        Thread.onSpinWait();
                        continue;
                    }
                    number++;
                    if (++batch == 16) {
                        ring.publish();
                        batch = 0;
                    }
                }
                ring.publish();
            } catch (Throwable failure) {
                producerFailure.set(failure);
            }
        }, "driver rx");
        producer.start();
        producer.join(30_000);
        recorder.await();

        assertEquals(null, producerFailure.get());
        List<Integer> seen = world.call(() -> List.copyOf(recorder.seen));
        assertEquals(frames, seen.size());
        for (int i = 0; i < frames; i++) {
            if (seen.get(i) != i) {
                throw new AssertionError("frame " + seen.get(i) + " arrived in place " + i);
            }
        }
        assertEquals(frames, ring.counters().delivered());
        assertTrue(ring.counters().wakeUps() <= frames / 16 + ring.counters().refusedFull() + 1);
        assertEquals(supply.size(), supply.available(), "every buffer came back to the supply");
    }

    private static boolean offerNumbered(ReceiveRing ring, FrameBuffer frame, int number) {
        frame.setLength(60);
        frame.setSourcePort(number);
        if (ring.offer(frame)) {
            return true;
        }
        frame.release();
        return false;
    }

    @Test
    void aProducerOnTheWorldThreadIsDrainedAtPublish() {
        Recorder recorder = new Recorder();
        ReceiveRing ring = open(2, recorder);

        List<Integer> seenAtReturn = world.call(() -> {
            for (int i = 0; i < 5; i++) {
                ring.offer(frame(i));
                ring.publish();
            }
            return List.copyOf(recorder.seen);
        });

        assertEquals(List.of(0, 1, 2, 3, 4), seenAtReturn, "a two-slot ring carried five frames, each at once");
        assertEquals(0, ring.counters().wakeUps(), "no thread to wake");
    }

    @Test
    void aHandlerThatThrowsIsReportedAndTheRestStillArrives() throws InterruptedException {
        Recorder recorder = new Recorder();
        ReceiveRing ring = world.call(() -> world.openReceive(world, "eth1 rx", 4, frame -> {
            if (frame.sourcePort() == 1) {
                frame.release();
                throw new IllegalStateException("bad frame");
            }
            recorder.take(frame);
        }));
        recorder.expect(2);
        ring.offer(frame(0));
        ring.offer(frame(1));
        ring.offer(frame(2));
        ring.publish();
        recorder.await();

        assertEquals(List.of(0, 2), world.call(() -> List.copyOf(recorder.seen)));
        assertEquals(List.of("ring eth1 rx: bad frame"), world.call(() -> List.copyOf(failures)));
    }

    @Test
    void closingReleasesWhatTheRingStillHeldAndCountsIt() {
        Recorder recorder = new Recorder();
        ReceiveRing ring = open(4, recorder);
        ring.offer(frame(0));
        ring.offer(frame(1));

        world.run(ring::close);

        assertEquals(supply.size(), supply.available());
        assertEquals(new RingCounters(2, 2, 0, 0), ring.counters());
        assertFalse(ring.offer(frame(2)), "a closed ring takes nothing");
        assertEquals(0, world.rings().openRings());
    }

    @Test
    void ringsAreOpenedOnTheirOwnWorldWithAPowerOfTwoSlots() {
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> world.openReceive(world, "eth0 rx", 3, frame -> { })));
        assertTrue(three.getMessage().contains("'eth0 rx' cannot have 3 slots: expected a power of two in 2..65536"),
                three.getMessage());
        try (WorldThread other = new WorldThread(ClockMode.REAL, SECOND, (where, failure) -> { })) {
            IllegalArgumentException elsewhere = assertThrows(IllegalArgumentException.class,
                    () -> world.call(() -> world.openReceive(other, "eth0 rx", 4, frame -> { })));
            assertTrue(elsewhere.getMessage().contains("names a network world that this kernel does not run"),
                    elsewhere.getMessage());
        }
        IllegalStateException offWorld = assertThrows(IllegalStateException.class,
                () -> world.openReceive(world, "eth0 rx", 4, frame -> { }));
        assertTrue(offWorld.getMessage().contains("on its world's thread"), offWorld.getMessage());
        assertEquals(0, world.call(() -> world.rings().openRings()), "a refusal opens nothing");
        assertSame(world, open(4, new Recorder()).world());
    }
}
