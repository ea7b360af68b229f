package org.nicmanager.drivers.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.drivers.linux.testnet.PeerSocket;
import org.nicmanager.drivers.linux.testnet.VethPair;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;

/**
 * The I/O threads in steady state on a veth pair: once warm, receiving and transmitting allocate nothing per frame
 * (measured per thread with the JVM's allocation counter). With {@code -Dlinux.bench=true} it also measures how many
 * frames per second the receive path takes from a raw sender in the peer namespace (printed, not asserted).
 */
class LinuxNicSteadyStateTest {

    private static final int BURST = 512;
    private static final int WAIT_SECONDS = 30;

    private LinuxNicRig rig;
    private WorldThread world;
    private VethPair pair;
    private LinuxNic nic;

    @BeforeEach
    void open() {
        assumeTrue(VethPair.possible(), "needs root and the ip tool to make network namespaces");
        rig = new LinuxNicRig();
        world = rig.world;
        pair = rig.pair;
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    /** Counts what arrives and completes, without boxing or keeping anything. */
    private static final class Counter implements NicListener {
        final Semaphore arrivals = new Semaphore(0);
        final Semaphore completions = new Semaphore(0);
        final AtomicLong received = new AtomicLong();

        @Override
        public void frameReceived(PhysicalNic from, FrameBuffer frame) {
            received.incrementAndGet();
            frame.release();
            arrivals.release();
        }

        @Override
        public void transmitCompleted(PhysicalNic from, FrameBuffer frame) {
            completions.release();
        }

        @Override
        public void transmitAborted(PhysicalNic from, FrameBuffer frame) {
            frame.release();
            completions.release();
        }

        @Override
        public void linkStateChanged(PhysicalNic from, LinkState state) {
        }
    }

    private Counter startNic() {
        Counter counter = new Counter();
        nic = rig.open("steady0", counter, LinuxNic.RECEIVE_SLOTS, LinuxNic.TRANSMIT_SLOTS);
        nic.startIo();
        return counter;
    }

    private static long allocatedBy(String threadName) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(threadName)) {
                return threads.getThreadAllocatedBytes(thread.getId());
            }
        }
        throw new AssertionError("no thread named '" + threadName + "'");
    }

    private void receiveBursts(Counter counter, PeerSocket peer, int bursts) throws InterruptedException {
        for (int b = 0; b < bursts; b++) {
            for (int i = 0; i < BURST; i++) {
                peer.send(i, 60);
            }
            assertTrue(counter.arrivals.tryAcquire(BURST, WAIT_SECONDS, TimeUnit.SECONDS), "frames missing");
        }
    }

    @Test
    void receivingAllocatesNothingPerFrameOnceWarm() throws InterruptedException {
        Counter counter = startNic();
        try (PeerSocket peer = PeerSocket.open(pair)) {
            receiveBursts(counter, peer, 200); // warm-up: class loading and the JIT
            long before = allocatedBy("linux steady0 rx");
            receiveBursts(counter, peer, 100);
            long allocated = allocatedBy("linux steady0 rx") - before;

            assertEquals(0, allocated, "bytes the receive thread allocated for " + 100 * BURST + " frames");
        }
    }

    @Test
    void transmittingAllocatesNothingPerFrameOnceWarm() throws InterruptedException {
        Counter counter = startNic();
        FramePool pool = new FramePool(LinuxNic.TRANSMIT_SLOTS, 128);
        for (int b = 0; b < 200; b++) {
            transmitBurst(counter, pool);
        }
        long before = allocatedBy("linux steady0 tx");
        for (int b = 0; b < 100; b++) {
            transmitBurst(counter, pool);
        }
        long allocated = allocatedBy("linux steady0 tx") - before;

        assertEquals(0, allocated, "bytes the transmit thread allocated for " + 100 * LinuxNic.TRANSMIT_SLOTS
                + " frames");
    }

    private void transmitBurst(Counter counter, FramePool pool) throws InterruptedException {
        int accepted = world.call(() -> {
            int offered = 0;
            FrameBuffer frame;
            while ((frame = pool.acquire()) != null) {
                frame.setLength(60);
                frame.memory().putShort(12, (short) PeerSocket.TEST_ETHERTYPE);
                if (nic.transmit(frame) != TransmitStatus.ACCEPTED) {
                    frame.release();
                    break;
                }
                offered++;
            }
            return offered;
        });
        assertTrue(counter.completions.tryAcquire(accepted, WAIT_SECONDS, TimeUnit.SECONDS), "completions missing");
        // the world's pool gets its buffers back with the completions
    }

    @Test
    void transmitThroughputToThePeer() throws Exception {
        assumeTrue(Boolean.getBoolean("linux.bench"), "a measurement: run with -Dlinux.bench=true");
        Counter counter = startNic();
        FramePool pool = new FramePool(LinuxNic.TRANSMIT_SLOTS, 128);
        for (int b = 0; b < 100; b++) {
            transmitBurst(counter, pool);
        }
        long peerBefore = pair.peerReceivedFrames();
        int bursts = 4000;
        long started = System.nanoTime();
        for (int b = 0; b < bursts; b++) {
            transmitBurst(counter, pool);
        }
        long nanos = System.nanoTime() - started;
        long frames = (long) bursts * LinuxNic.TRANSMIT_SLOTS;
        long delivered = pair.peerReceivedFrames() - peerBefore;
        System.out.printf("linux NIC transmit: %d frames of 60 B completed in %.2f s (%.0f frames/s); the peer"
                + " counted %d (%.0f frames/s); aborted %d%n", frames, nanos / 1e9, frames / (nanos / 1e9), delivered,
                delivered / (nanos / 1e9), nic.drops().transmitAborted());
    }

    @Test
    void receiveThroughputFromARawSender() throws InterruptedException {
        assumeTrue(Boolean.getBoolean("linux.bench"), "a measurement: run with -Dlinux.bench=true");
        Counter counter = startNic();
        int frames = 2_000_000;
        try (PeerSocket peer = PeerSocket.open(pair)) {
            receiveBursts(counter, peer, 50);
            long receivedBefore = counter.received.get();
            long started = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                peer.send(i, 60);
            }
            long sentNanos = System.nanoTime() - started;
            counter.arrivals.tryAcquire(frames, 5, TimeUnit.SECONDS); // whatever arrives; the rest was lost
            long received = counter.received.get() - receivedBefore;
            System.out.printf("linux NIC receive: %d frames of 60 B sent in %.2f s (%.0f frames/s offered),"
                    + " %d received (%.0f frames/s), kernel drops (no free ring slot) %d, driver drops: too long %d,"
                    + " no buffer %d, ring full %d%n", frames, sentNanos / 1e9, frames / (sentNanos / 1e9), received,
                    received / (sentNanos / 1e9), rig.socket().kernelDrops(),
                    nic.drops().receivedTooLong(), nic.drops().receiveNoBuffer(),
                    nic.receiveRingCounters().refusedFull());
        }
    }
}
