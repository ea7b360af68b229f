package org.nicmanager.kernel.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;

/**
 * A driver with a device thread of its own ({@link ThreadedLoopbackNic}) under a kernel-style listener on the world
 * thread: what the listener sends comes back completed and received, in order, with no frame lost.
 */
class ThreadedDriverTest {

    private static final int SEQUENCE_OFFSET = 20;
    private final WorldThread world = new WorldThread(ClockMode.REAL, 10_000_000_000L, (where, failure) -> { });

    @AfterEach
    void stop() {
        world.close();
    }

    /** Sends numbered frames, refilling on transmitReady; records completions and receptions by number. */
    private static final class Sender implements NicListener {
        final FramePool pool = new FramePool(256, 128);
        final List<Integer> completed = new ArrayList<>();
        final List<Integer> received = new ArrayList<>();
        final List<Integer> aborted = new ArrayList<>();
        final CountDownLatch done;
        final int frames;
        PhysicalNic nic;
        int next;

        Sender(int frames) {
            this.frames = frames;
            this.done = new CountDownLatch(2 * frames);
        }

        void send() {
            while (next < frames) {
                FrameBuffer frame = pool.acquire();
                if (frame == null) {
                    return; // buffers come back with completions
                }
                frame.setLength(64);
                frame.memory().putInt(SEQUENCE_OFFSET, next);
                if (nic.transmit(frame) != TransmitStatus.ACCEPTED) {
                    frame.release();
                    return; // transmitReady follows
                }
                next++;
            }
        }

        @Override
        public void transmitReady(PhysicalNic from) {
            send();
        }

        @Override
        public void transmitCompleted(PhysicalNic from, FrameBuffer frame) {
            completed.add(frame.memory().getInt(SEQUENCE_OFFSET));
            done.countDown();
        }

        @Override
        public void transmitAborted(PhysicalNic from, FrameBuffer frame) {
            aborted.add(frame.memory().getInt(SEQUENCE_OFFSET));
            frame.release();
        }

        @Override
        public void frameReceived(PhysicalNic from, FrameBuffer frame) {
            received.add(frame.memory().getInt(SEQUENCE_OFFSET));
            frame.release();
            done.countDown();
            send(); // a completion may have come before the pool ran dry; keep the ring busy either way
        }

        @Override
        public void linkStateChanged(PhysicalNic from, LinkState state) {
        }
    }

    private static List<Integer> upTo(int frames) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    @Test
    void everyFrameSentComesBackCompletedAndReceivedInOrder() throws InterruptedException {
        int frames = 50_000;
        Sender sender = new Sender(frames);
        ThreadedLoopbackNic nic = world.call(() -> {
            ThreadedLoopbackNic card = new ThreadedLoopbackNic(world, world, "lo0", 64);
            card.attach(sender);
            sender.nic = card;
            return card;
        });
        nic.start();
        world.run(sender::send);

        assertTrue(sender.done.await(30, TimeUnit.SECONDS), "frames still missing");
        nic.stopDevice();
        world.run(nic::closeRings);

        assertEquals(upTo(frames), world.call(() -> List.copyOf(sender.completed)));
        assertEquals(upTo(frames), world.call(() -> List.copyOf(sender.received)));
        NicCounters counters = world.call(nic::counters);
        assertEquals(frames, counters.txFrames());
        assertEquals(frames, counters.rxFrames());
        assertEquals(0, world.call(() -> sender.pool.inUse()), "every buffer came back to the world's pool");
    }

    @Test
    void framesTheDeviceNeverSentComeBackAbortedOldestFirstWhenTheRingsClose() throws InterruptedException {
        Sender sender = new Sender(100);
        ThreadedLoopbackNic nic = world.call(() -> {
            ThreadedLoopbackNic card = new ThreadedLoopbackNic(world, world, "lo1", 8);
            card.attach(sender);
            sender.nic = card;
            return card;
        });
        world.run(sender::send); // the device thread never started: the ring fills and answers BUSY

        assertEquals(8, world.call(nic::pendingFrames));
        assertTrue(world.call(nic::transmitRingFull));
        assertEquals(1, world.call(nic::counters).txBusy());
        world.run(nic::closeRings);

        assertEquals(upTo(8), world.call(() -> List.copyOf(sender.aborted)));
        assertEquals(8, world.call(nic::counters).txDropsLinkDown());
        assertEquals(0, world.call(() -> sender.pool.inUse()));
    }
}
