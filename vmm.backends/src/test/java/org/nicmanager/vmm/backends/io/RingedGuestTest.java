package org.nicmanager.vmm.backends.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;

/**
 * Frames for a real guest never make the world wait: a guest whose writer is stuck gets what its queue holds, and the
 * rest is dropped with a reason and counted; closing gives every buffer back.
 */
class RingedGuestTest {

    private static final long SECOND = 1_000_000_000L;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aFullQueueToAStuckGuestDropsTheRestCountedAndClosingReleasesEveryBuffer() throws Exception {
        StuckChannel channel = new StuckChannel();
        FrameSupply kernelFrames = world.newSupply("kernel", 1200, 128, FrameMemory.HEAP);
        RingedGuest guest = world.call(() -> RingedGuest.start(channel, new RecordingPort(world, 1500), world, "t"));

        world.run(() -> {
            for (int i = 0; i < 1100; i++) {
                FrameBuffer frame = kernelFrames.take();
                frame.setLength(60);
                guest.received(frame);
            }
        });
        assertEquals(Map.of("GUEST_QUEUE_FULL", (long) (1100 - RingedGuest.TO_GUEST_SLOTS)), guest.toGuestDropped(),
                "the ring holds a frame until its completion is back in the world, which was busy offering");
        assertTrue(channel.writing.await(RecordingPort.FRAME_WAIT_SECONDS, TimeUnit.SECONDS), "the writer woke up");
        channel.gate.countDown();
        assertTrue(channel.allWritten.await(RecordingPort.FRAME_WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(RingedGuest.TO_GUEST_SLOTS, channel.writes.get());

        world.run(guest::close);
        assertEquals(1200, kernelFrames.available(), "every frame came back to its supply");
        assertTrue(channel.closed);
    }

    /**
     * Run to completion: a lone frame for a guest whose writer sleeps is written by the world thread at the end of its
     * round, without a wake-up; a batch larger than {@link GuestWriter.INLINE_FRAMES} is the writer's. Frames go one
     * per world action until the writer's first look at its ring is over.
     */
    @Test
    void aLoneFrameIsWrittenByTheWorldItselfAndABatchByTheWriter() throws Exception {
        CountingChannel channel = new CountingChannel();
        FrameSupply kernelFrames = world.newSupply("kernel", 256, 128, FrameMemory.HEAP);
        RingedGuest guest = world.call(() -> RingedGuest.start(channel, new RecordingPort(world, 1500), world, "t"));
        int offered = 0;
        for (; offered < 100 && channel.byWorld.get() == 0; offered++) {
            world.run(() -> guest.received(frameOf(kernelFrames)));
            assertTrue(channel.written.tryAcquire(RecordingPort.FRAME_WAIT_SECONDS, TimeUnit.SECONDS));
        }
        int byWorld = channel.byWorld.get();
        assertTrue(byWorld > 0, "none of " + offered + " lone frames was written by the world");

        int batch = GuestWriter.INLINE_FRAMES + 1;
        world.run(() -> {
            for (int i = 0; i < batch; i++) {
                guest.received(frameOf(kernelFrames));
            }
        });
        assertTrue(channel.written.tryAcquire(batch, RecordingPort.FRAME_WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(byWorld, channel.byWorld.get(), "a batch of " + batch + " is the writer's");
        assertEquals(Map.of(), guest.toGuestDropped());

        world.run(guest::close);
        assertEquals(256, kernelFrames.available(), "every frame came back to its supply");
    }

    private static FrameBuffer frameOf(FrameSupply supply) {
        FrameBuffer frame = supply.take();
        frame.setLength(60);
        return frame;
    }

    /** A guest that sends nothing: its reader waits until it is woken. */
    private abstract static class SilentChannel implements GuestChannel {
        private final Semaphore wake = new Semaphore(0);

        @Override
        public int read(ByteBuffer buffer) {
            return 0;
        }

        @Override
        public void awaitFrame() {
            wake.acquireUninterruptibly();
        }

        @Override
        public void wakeUp() {
            wake.release();
        }
    }

    /** A guest that sends nothing; it counts the frames written to it, and those the world thread wrote. */
    private final class CountingChannel extends SilentChannel {
        final Semaphore written = new Semaphore(0);
        final AtomicInteger byWorld = new AtomicInteger();

        @Override
        public void write(ByteBuffer buffer, int lengthBytes) {
            if (world.inWorld()) {
                byWorld.incrementAndGet();
            }
            written.release();
        }

        @Override
        public String describe() {
            return "counting";
        }

        @Override
        public void close() {
        }
    }

    /** A guest that sends nothing and whose first write blocks until the test opens the gate. */
    private static final class StuckChannel extends SilentChannel {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch allWritten = new CountDownLatch(RingedGuest.TO_GUEST_SLOTS);
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean closed;

        @Override
        public void write(ByteBuffer buffer, int lengthBytes) throws InterruptedIOException {
            writing.countDown();
            try {
                gate.await();
            } catch (InterruptedException interrupted) {
                throw new InterruptedIOException();
            }
            writes.incrementAndGet();
            allWritten.countDown();
        }

        @Override
        public String describe() {
            return "stuck";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
