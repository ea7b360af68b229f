package org.nicmanager.vmm.backends.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.core.world.WorldThread;

/**
 * In steady state a real guest's frames cost no allocation, on any of the three threads: the back end's reader (read,
 * size check, copy, offer), the world (ring drain into the device; frames for the guest into the writer's ring) and
 * the writer. Each thread's allocated bytes are read on that thread, at the start and the end of the measured frames.
 */
class RingedGuestAllocationTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;
    /** Frames in flight from the guest: below the ring's size, so none is refused. */
    private static final int CREDITS = 128;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });

    @AfterEach
    void stop() {
        world.close();
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    @Test
    void framesBothWaysAllocateNothingOnTheReaderTheWorldOrTheWriter() throws Exception {
        CreditedChannel channel = new CreditedChannel();
        CountingPort port = new CountingPort(world, channel);
        RingedGuest guest = world.call(() -> RingedGuest.start(channel, port, world, "alloc"));
        channel.credits.set(CREDITS);
        channel.wakeUp();
        assertTrue(port.done.await(60, TimeUnit.SECONDS), "the guest's frames arrived: " + port.frames.get());
        assertEquals(Map.of(), guest.fromGuestDropped());

        FrameSupply kernelFrames = world.newSupply("kernel", 512, 128, FrameMemory.HEAP);
        long[] worldBytes = new long[1];
        for (int round = 0; round < (WARM_UP + MEASURED) / 200; round++) {
            boolean measure = round == WARM_UP / 200;
            world.run(() -> {
                long before = allocatedByThisThread();
                for (int i = 0; i < 200; i++) {
                    FrameBuffer frame = kernelFrames.take();
                    if (frame != null) {
                        frame.setLength(60);
                        guest.received(frame);
                    }
                }
                if (measure) {
                    worldBytes[0] = allocatedByThisThread() - before;
                }
            });
            while (kernelFrames.available() < 512) {
                Thread.onSpinWait(); // the writer completes them and the world gives them back: the ring is empty
            }
        }
        assertTrue(channel.writerDone.await(60, TimeUnit.SECONDS), "the guest got its frames");
        assertEquals(Map.of(), guest.toGuestDropped());

        String figures = "bytes allocated for " + MEASURED + " frames: reader " + channel.readerBytes() + ", world"
                + " draining " + port.worldBytes() + ", writer " + channel.writerBytes()
                + "; world offering 200 frames " + worldBytes[0];
        System.out.println(figures);
        // One allocation per frame would be at least 16 bytes each: 320,000 here. A few hundred bytes in all are the
        // JIT's and the park's, not the frames'.
        assertTrue(channel.readerBytes() < MEASURED, figures);
        assertTrue(port.worldBytes() < MEASURED, figures);
        assertTrue(channel.writerBytes() < MEASURED, figures);
        assertTrue(worldBytes[0] < 200, figures);
        world.run(guest::close);
    }

    /** A guest that sends a 60-byte frame whenever it has a credit, and whose writes always succeed. */
    private static final class CreditedChannel implements GuestChannel {
        final AtomicLong credits = new AtomicLong();
        final CountDownLatch writerDone = new CountDownLatch(1);
        private final byte[] template = new byte[60];
        private volatile boolean closed;
        private long reads;
        private long readerStart;
        private volatile long readerEnd = -1;
        private long writes;
        private long writerStart;
        private volatile long writerEnd = -1;

        CreditedChannel() {
            template[12] = (byte) 0x88;
            template[13] = (byte) 0xb5;
        }

        @Override
        public int read(ByteBuffer buffer) {
            if (credits.get() == 0) {
                return 0;
            }
            credits.decrementAndGet();
            reads++;
            if (reads == WARM_UP) {
                readerStart = allocatedByThisThread();
            } else if (reads == WARM_UP + MEASURED) {
                readerEnd = allocatedByThisThread();
            }
            buffer.put(0, template);
            return template.length;
        }

        @Override
        public void awaitFrame() {
            while (credits.get() == 0 && !closed) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void wakeUp() {
            // awaitFrame spins on the credits and the closed flag
        }

        void returnCredit() {
            credits.incrementAndGet();
        }

        @Override
        public void write(ByteBuffer buffer, int lengthBytes) {
            writes++;
            if (writes == WARM_UP) {
                writerStart = allocatedByThisThread();
            } else if (writes == WARM_UP + MEASURED) {
                writerEnd = allocatedByThisThread();
                writerDone.countDown();
            }
        }

        long readerBytes() {
            return readerEnd - readerStart;
        }

        long writerBytes() {
            return writerEnd - writerStart;
        }

        @Override
        public String describe() {
            return "credited";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A device that counts the guest's frames and gives the guest a credit back for each. */
    private static final class CountingPort implements GuestPort {
        final AtomicLong frames = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        private final NetworkWorld world;
        private final CreditedChannel channel;
        private long worldStart;
        private long worldEnd = -1;

        CountingPort(NetworkWorld world, CreditedChannel channel) {
            this.world = world;
            this.channel = channel;
        }

        @Override
        public void guestMacChanged(long mac) {
            throw new AssertionError("the credited guest never changes its MAC");
        }

        @Override
        public void fromGuest(FrameBuffer frame) {
            frame.release();
            long n = frames.incrementAndGet();
            if (n == WARM_UP) {
                worldStart = allocatedByThisThread();
            } else if (n == WARM_UP + MEASURED) {
                worldEnd = allocatedByThisThread();
                done.countDown();
                return; // no more credits: the guest falls silent
            }
            channel.returnCredit();
        }

        long worldBytes() {
            return worldEnd - worldStart;
        }

        @Override
        public String vnic() {
            return "alloc-0";
        }

        @Override
        public String vm() {
            return "alloc";
        }

        @Override
        public long mac() {
            return 0x0200_0000_0001L;
        }

        @Override
        public int mtuBytes() {
            return 1500;
        }

        @Override
        public NetworkWorld world() {
            return world;
        }
    }
}
