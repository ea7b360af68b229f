package org.nicmanager.drivers.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.drivers.linux.testnet.PeerSocket;
import org.nicmanager.drivers.linux.testnet.VethPair;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;

/**
 * A {@link LinuxNic} with its I/O threads on a veth pair into a fresh namespace, under a kernel-style listener on a
 * real world thread: what the peer sends arrives through the receive ring in order, and what the world transmits
 * arrives at the peer in order, every frame counted.
 */
class LinuxNicTest {

    private static final int BURST = 512;
    /** A transmit burst fills the transmit ring exactly. */
    private static final int TX_BURST = LinuxNic.TRANSMIT_SLOTS;
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

    /** Records test frames by sequence number, on the world thread; counts each one on a semaphore. */
    private static final class Recorder implements NicListener {
        final List<Integer> received = new ArrayList<>();
        final List<Integer> completed = new ArrayList<>();
        final List<Integer> aborted = new ArrayList<>();
        final Semaphore arrivals = new Semaphore(0);
        final Semaphore completions = new Semaphore(0);
        final BlockingQueue<LinkState> linkStates = new LinkedBlockingQueue<>();
        int readyCalls;
        final Semaphore ready = new Semaphore(0);

        /** IPv4 frames: their length and offloads. */
        final List<String> ipv4 = new ArrayList<>();

        @Override
        public void frameReceived(PhysicalNic from, FrameBuffer frame) {
            int etherType = frame.memory().getShort(12) & 0xffff;
            if (etherType == PeerSocket.TEST_ETHERTYPE) {
                received.add(frame.memory().getInt(PeerSocket.SEQUENCE_OFFSET));
                arrivals.release();
            } else if (etherType == 0x0800) {
                FrameOffload offload = frame.offload();
                ipv4.add(frame.length() + " bytes, segmentation " + offload.segmentation() + " of "
                        + offload.segmentBytes() + ", checksum " + (offload.checksumPending() ? "pending at "
                        + offload.checksumStartBytes() + "+" + offload.checksumOffsetBytes() : "done"));
                arrivals.release();
            }
            frame.release();
        }

        @Override
        public void transmitCompleted(PhysicalNic from, FrameBuffer frame) {
            completed.add(frame.memory().getInt(PeerSocket.SEQUENCE_OFFSET));
            completions.release();
        }

        @Override
        public void transmitAborted(PhysicalNic from, FrameBuffer frame) {
            aborted.add(frame.memory().getInt(PeerSocket.SEQUENCE_OFFSET));
            frame.release();
            completions.release();
        }

        @Override
        public void transmitReady(PhysicalNic from) {
            readyCalls++;
            ready.release();
        }

        @Override
        public void linkStateChanged(PhysicalNic from, LinkState state) {
            linkStates.add(state);
        }
    }

    private Recorder startNic() {
        Recorder recorder = openNic();
        nic.startIo();
        return recorder;
    }

    /** The NIC with its rings open and its I/O threads not yet started. */
    private Recorder openNic() {
        Recorder recorder = new Recorder();
        nic = rig.open("uplink0", recorder, 1024, 256);
        return recorder;
    }

    @Test
    void framesFromThePeerArriveThroughTheReceiveRingInOrder() throws InterruptedException {
        Recorder recorder = startNic();
        int frames = 20 * BURST;
        try (PeerSocket peer = PeerSocket.open(pair)) {
            for (int sent = 0; sent < frames; sent += BURST) {
                for (int i = sent; i < sent + BURST; i++) {
                    peer.send(i, 60);
                }
                // Flow control by the test: never more in flight than the rings hold, so no frame may be lost.
                assertTrue(recorder.arrivals.tryAcquire(BURST, WAIT_SECONDS, TimeUnit.SECONDS),
                        () -> "frames missing after " + world.call(() -> recorder.received.size()));
            }
        }

        assertEquals(upTo(frames), world.call(() -> List.copyOf(recorder.received)));
        NicCounters counters = world.call(nic::counters);
        assertEquals(frames, counters.rxFrames(), "only the test's frames crossed the veth");
        assertEquals(0, nic.drops().receiveNoBuffer());
        assertEquals(0, nic.receiveRingCounters().refusedFull());
    }

    @Test
    void framesTheWorldTransmitsArriveAtThePeerInOrderAndCompleteInOrder() throws InterruptedException {
        Recorder recorder = startNic();
        FramePool pool = new FramePool(TX_BURST, 128);
        int frames = 20 * TX_BURST;
        List<Integer> atPeer = new ArrayList<>();
        try (PeerSocket peer = PeerSocket.open(pair)) {
            for (int sent = 0; sent < frames; sent += TX_BURST) {
                int first = sent;
                int accepted = world.call(() -> transmitBurst(pool, first));
                assertEquals(TX_BURST, accepted, "the transmit ring takes a burst of " + TX_BURST);
                assertTrue(recorder.completions.tryAcquire(TX_BURST, WAIT_SECONDS, TimeUnit.SECONDS));
                for (int i = 0; i < TX_BURST; i++) {
                    atPeer.add(peer.receiveSequence(WAIT_SECONDS * 1000));
                }
            }
        }

        assertEquals(upTo(frames), atPeer);
        assertEquals(upTo(frames), world.call(() -> List.copyOf(recorder.completed)));
        assertEquals(List.of(), world.call(() -> List.copyOf(recorder.aborted)));
        assertEquals(frames, world.call(nic::counters).txFrames());
        assertEquals(0, world.call(pool::inUse), "every buffer came back to the world's pool");
    }

    /**
     * A super-frame from the peer (a sender's TSO through the veth) is longer than a receive slot: it is read whole
     * from the socket's queue, with its offloads, between the frames before and after it.
     */
    @Test
    void aSuperFrameArrivesWholeWithItsOffloadsAndInOrder() throws InterruptedException {
        Recorder recorder = startNic();
        int length;
        try (PeerSocket peer = PeerSocket.open(pair); PeerSocket tso = PeerSocket.openWithVirtioHeaders(pair)) {
            peer.send(1, 60);
            length = tso.sendTcpSuperFrame(20_000, 1448);
            peer.send(2, 60);
            assertTrue(recorder.arrivals.tryAcquire(3, WAIT_SECONDS, TimeUnit.SECONDS),
                    () -> "arrived: " + world.call(() -> recorder.ipv4 + " " + recorder.received));
        }
        assertEquals(List.of(length + " bytes, segmentation 1 of 1448, checksum pending at 34+16"),
                world.call(() -> List.copyOf(recorder.ipv4)));
        assertEquals(List.of(1, 2), world.call(() -> List.copyOf(recorder.received)));
        assertEquals(0, nic.drops().receivedTooLong());
    }

    /**
     * Run to completion: a lone frame offered while the transmit thread sleeps is sent by the world thread at the end
     * of its round, without a wake-up; a burst larger than that is left to the thread. Frames go one per world action
     * until the thread's first look at the ring is over, after which the world transmits them itself.
     */
    @Test
    void aLoneFrameIsSentByTheWorldItselfAndABurstByTheTransmitThread() throws InterruptedException {
        Recorder recorder = startNic();
        FramePool pool = new FramePool(TX_BURST, 128);
        List<Integer> atPeer = new ArrayList<>();
        int sent = 0;
        try (PeerSocket peer = PeerSocket.open(pair)) {
            for (; sent < 100 && world.call(nic::worldTransmits) == 0; sent++) {
                int sequence = sent;
                assertEquals(TransmitStatus.ACCEPTED, world.call(() -> nic.transmit(testFrame(pool, sequence))));
                assertTrue(recorder.completions.tryAcquire(1, WAIT_SECONDS, TimeUnit.SECONDS));
                atPeer.add(peer.receiveSequence(WAIT_SECONDS * 1000));
            }
            long byWorld = world.call(nic::worldTransmits);
            assertTrue(byWorld > 0, "none of " + sent + " lone frames was sent by the world");

            int first = sent;
            assertEquals(TX_BURST, world.call(() -> transmitBurst(pool, first)));
            assertTrue(recorder.completions.tryAcquire(TX_BURST, WAIT_SECONDS, TimeUnit.SECONDS));
            for (int i = 0; i < TX_BURST; i++) {
                atPeer.add(peer.receiveSequence(WAIT_SECONDS * 1000));
            }
            assertEquals(byWorld, world.call(nic::worldTransmits), "a burst of " + TX_BURST + " is the thread's");
        }
        assertEquals(upTo(sent + TX_BURST), atPeer, "in order, whoever sent them");
        assertEquals(List.of(), world.call(() -> List.copyOf(recorder.aborted)));
    }

    @Test
    void aNicHeldToADeclaredLineRateAnswersBusyWhenTheRateIsUsedAndSaysWhenItMaySendAgain()
            throws InterruptedException {
        Recorder recorder = new Recorder();
        long lineRateBps = 1_000_000L; // a 60-byte frame takes 672 us on the wire: the burst allowance is 2 frames
        nic = rig.open("uplink0", recorder, 1024, 256, lineRateBps);
        nic.startIo();
        FramePool pool = new FramePool(TX_BURST, 128);

        int accepted = world.call(() -> transmitBurst(pool, 0));

        assertTrue(accepted >= 1 && accepted < TX_BURST, "the line rate, not the ring, stopped the burst after "
                + accepted + " frames");
        assertEquals(lineRateBps, world.call(nic::speedBps), "the declared rate is the NIC's speed");
        assertEquals(1, world.call(nic::pacedRefusals));
        assertTrue(recorder.ready.tryAcquire(1, WAIT_SECONDS, TimeUnit.SECONDS),
                "the NIC tells its listener once the rate allows another frame");
        assertEquals(1, world.call(() -> transmitBurst(pool, accepted) > 0 ? 1 : 0), "and it takes one then");
    }

    @Test
    void theLinkFollowsThePeerThroughRtnetlinkNotifications() throws InterruptedException {
        Recorder recorder = startNic();
        LinuxNicRegistry registry = new LinuxNicRegistry();
        registry.claim("uplink0", pair.hostEnd());
        registry.running("uplink0", nic, () -> { });
        LinkMonitor monitor = new LinkMonitor(world, registry);
        try {
            assertEquals(LinkState.UP, world.call(nic::linkState));

            pair.setPeerUp(false);
            assertEquals(LinkState.DOWN, recorder.linkStates.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            FrameBuffer frame = FrameBuffer.unpooled(64);
            frame.setLength(60);
            assertEquals(TransmitStatus.LINK_DOWN, world.call(() -> nic.transmit(frame)));

            pair.setPeerUp(true);
            assertEquals(LinkState.UP, recorder.linkStates.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(LinkState.UP, world.call(nic::linkState));
        } finally {
            monitor.stop();
        }
    }

    @Test
    void framesQueuedWhenTheCarrierGoesComeBackAbortedOldestFirst() throws InterruptedException {
        Recorder recorder = openNic();
        FramePool pool = new FramePool(16, 128);
        int queued = world.call(() -> transmitSome(pool, 10));
        assertEquals(10, queued);
        world.run(() -> nic.carrierChanged(false));
        nic.startIo(); // the transmit thread finds the frames with the carrier gone

        assertTrue(recorder.completions.tryAcquire(10, WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(upTo(10), world.call(() -> List.copyOf(recorder.aborted)));
        assertEquals(List.of(), world.call(() -> List.copyOf(recorder.completed)));
        assertEquals(10, world.call(nic::counters).txDropsLinkDown());
        assertEquals(10, nic.drops().transmitAborted());
        assertEquals(0, world.call(pool::inUse));
    }

    private int transmitSome(FramePool pool, int frames) {
        int accepted = 0;
        for (int i = 0; i < frames; i++) {
            FrameBuffer frame = pool.acquire();
            frame.setLength(60);
            frame.memory().putShort(12, (short) PeerSocket.TEST_ETHERTYPE);
            frame.memory().putInt(PeerSocket.SEQUENCE_OFFSET, i);
            if (nic.transmit(frame) != TransmitStatus.ACCEPTED) {
                frame.release();
                break;
            }
            accepted++;
        }
        return accepted;
    }

    /** Offers a burst, waiting for ring space where BUSY; on the world thread. Answers the frames accepted. */
    /** A broadcast test frame carrying {@code sequence}. */
    private static FrameBuffer testFrame(FramePool pool, int sequence) {
        FrameBuffer frame = pool.acquire();
        frame.setLength(60);
        for (int b = 0; b < 6; b++) {
            frame.memory().put(b, (byte) 0xff);
        }
        frame.memory().putShort(12, (short) PeerSocket.TEST_ETHERTYPE);
        frame.memory().putInt(PeerSocket.SEQUENCE_OFFSET, sequence);
        return frame;
    }

    private int transmitBurst(FramePool pool, int first) {
        int accepted = 0;
        for (int i = first; i < first + TX_BURST; i++) {
            FrameBuffer frame = testFrame(pool, i);
            TransmitStatus status = nic.transmit(frame);
            if (status != TransmitStatus.ACCEPTED) {
                frame.release();
                return accepted;
            }
            accepted++;
        }
        return accepted;
    }

    private static List<Integer> upTo(int frames) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
