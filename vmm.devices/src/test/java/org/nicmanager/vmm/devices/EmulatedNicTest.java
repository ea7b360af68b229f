package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicCounters;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.vmm.devices.EmulatedNic.TransmitResult;

class EmulatedNicTest {

    private static final long SECOND = 1_000_000_000L;
    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final FramePool pool = new FramePool(64, 9022);
    /** Test double of the NIC manager: keeps what it is sent, or refuses. */
    private final List<FrameBuffer> uplinked = new ArrayList<>();
    private boolean uplinkAccepts = true;
    /** Test double of the guest's driver: records arrival times. */
    private final List<Long> guestArrivals = new ArrayList<>();
    private final byte[] guestFrame = new byte[9100];

    @AfterEach
    void stop() {
        world.close();
    }

    private EmulatedNic nic(VnicModel model) {
        EmulatedNic nic = new EmulatedNic("web1-0", 0x02_00_00_00_00_01L, model, 7, pool, world, frame -> {
            guestArrivals.add(world.nanoTime());
            frame.release();
        });
        nic.connect(frame -> uplinkAccepts && uplinked.add(frame));
        return nic;
    }

    private int frameOf(int lengthBytes) {
        return FrameWriter.udpFrame(guestFrame, lengthBytes, 0x02_00_00_00_00_99L, 0x02_00_00_00_00_01L, 1, 2, 3, 4,
                0, 0);
    }

    @Test
    void transmitCopiesTheGuestFrameIntoAKernelBufferTaggedWithThePort() {
        EmulatedNic nic = nic(VnicModel.E1000);
        int length = frameOf(1514);
        assertEquals(TransmitResult.SENT, world.call(() -> nic.transmitFromGuest(guestFrame, 0, length)));
        FrameBuffer sent = uplinked.get(0);
        assertNotSame(guestFrame, sent.data());
        assertEquals(length, sent.length());
        assertEquals(7, sent.sourcePort());
        guestFrame[20] ^= 0x55; // the guest reuses its buffer: the kernel's copy must not change
        assertTrue(sent.data()[20] != guestFrame[20]);
    }

    @Test
    void modelsDifferInTheirLimits() {
        EmulatedNic pcnet = nic(VnicModel.PCNET);
        EmulatedNic e1000 = nic(VnicModel.E1000);
        int jumbo = frameOf(9014);
        assertEquals(TransmitResult.TOO_LONG, world.call(() -> pcnet.transmitFromGuest(guestFrame, 0, jumbo)));
        assertEquals(TransmitResult.SENT, world.call(() -> e1000.transmitFromGuest(guestFrame, 0, jumbo)));
        assertEquals(1, world.call(pcnet::counters).txDropsTooLong());
    }

    @Test
    void everyRefusedFrameIsCountedByCause() {
        EmulatedNic nic = nic(VnicModel.E1000);
        int length = frameOf(60);
        uplinkAccepts = false;
        assertEquals(TransmitResult.REFUSED, world.call(() -> nic.transmitFromGuest(guestFrame, 0, length)));
        assertEquals(0, pool.inUse(), "a refused frame's buffer goes back to the pool");
        uplinkAccepts = true;
        for (int i = 0; i < 64; i++) {
            world.call(() -> nic.transmitFromGuest(guestFrame, 0, length));
        }
        assertEquals(TransmitResult.NO_BUFFER, world.call(() -> nic.transmitFromGuest(guestFrame, 0, length)));
        VnicCounters counters = world.call(nic::counters);
        assertEquals(64, counters.txFrames());
        assertEquals(1, counters.txRefused());
        assertEquals(1, counters.txDropsNoBuffer());
    }

    @Test
    void withoutAnUplinkFramesAreDroppedAndCountedAsNoMemberAvailable() {
        EmulatedNic nic = nic(VnicModel.E1000);
        int length = frameOf(1000);
        world.run(nic::disconnect);
        assertEquals(TransmitResult.NO_UPLINK, world.call(() -> nic.transmitFromGuest(guestFrame, 0, length)));
        assertEquals(0, pool.acquiredCount(), "no kernel buffer is taken for a frame with nowhere to go");
        VnicCounters counters = world.call(nic::counters);
        assertEquals(1, counters.txDropsNoUplink());
        assertEquals(1, counters.txDrops());
        world.run(() -> nic.connect(frame -> uplinked.add(frame)));
        assertEquals(TransmitResult.SENT, world.call(() -> nic.transmitFromGuest(guestFrame, 0, length)));
    }

    /**
     * A guest without offloads gets a TCP super-frame (from a guest with offloads on the same host) as the segments
     * a device would have cut; one that cannot be cut is dropped, counted as too long.
     */
    @Test
    void aSuperFrameReachesAGuestWithoutOffloadsAsItsSegments() {
        List<Integer> lengths = new ArrayList<>();
        EmulatedNic nic = new EmulatedNic("web1-0", 0x02_00_00_00_00_01L, VnicModel.E1000, 7, pool, world, frame -> {
            lengths.add(frame.length());
            frame.release();
        });
        world.run(() -> nic.deliver(tcpSuperFrame(10_000, FrameOffload.TCPV4)));
        world.advance(0);
        assertEquals(List.of(1514, 1514, 1514, 1514, 1514, 1514, 1294), lengths, "10,000 bytes at an MSS of 1,460");
        assertEquals(7, world.call(nic::counters).rxFrames());

        world.run(() -> nic.deliver(tcpSuperFrame(10_000, FrameOffload.UDP)));
        world.advance(0);
        assertEquals(7, lengths.size());
        assertEquals(1, world.call(() -> nic.rxDroppedUpstream(DropReason.TOO_LONG)), "a UDP super-frame is not cut");
        assertEquals(0, pool.inUse());
    }

    /** A TCP super-frame over IPv4 with {@code payloadBytes} of payload, MSS 1,460, as a guest with offloads sends. */
    private static FrameBuffer tcpSuperFrame(int payloadBytes, int segmentation) {
        FrameBuffer frame = FrameBuffer.unpooled(FrameBuffer.MAX_SUPER_FRAME_BYTES);
        int length = 54 + payloadBytes;
        ByteBuffer bytes = frame.memory();
        bytes.putLong(0, 0x0200_0000_0001_0200L);
        bytes.putInt(8, 0x0000_0099);
        bytes.putShort(12, (short) 0x0800);
        bytes.put(14, (byte) 0x45);
        bytes.putShort(16, (short) (length - 14));
        bytes.put(22, (byte) 64);
        bytes.put(23, (byte) 6);
        bytes.putInt(26, 0x0a000002);
        bytes.putInt(30, 0x0a000001);
        bytes.put(46, (byte) 0x50);
        bytes.put(47, (byte) 0x18);
        frame.setLength(length);
        frame.offload().setChecksum(34, 16);
        frame.offload().setSegmentation(segmentation, 1460, 54);
        return frame;
    }

    @Test
    void aBatchOfReceivedFramesRaisesOneInterrupt() {
        EmulatedNic nic = nic(VnicModel.E1000);
        world.run(() -> {
            for (int i = 0; i < 5; i++) {
                nic.deliver(pool.acquire());
            }
        });
        assertTrue(guestArrivals.isEmpty(), "the guest sees nothing before the interrupt is serviced");
        world.advance(0);
        assertEquals(5, guestArrivals.size());
        assertEquals(1, world.call(nic::counters).interrupts());
        assertEquals(0, pool.inUse());
    }

    @Test
    void theModeratorHoldsTheInterruptBack() {
        EmulatedNic nic = nic(VnicModel.E1000);
        world.run(() -> {
            nic.setModerator((vnic, frame) -> 2_000_000);
            nic.deliver(pool.acquire());
        });
        world.advance(1_999_999);
        assertTrue(guestArrivals.isEmpty());
        world.advance(1);
        assertEquals(List.of(2_000_000L), guestArrivals);
    }

    @Test
    void aFullReceiveQueueRaisesItsInterruptAtOnce() {
        EmulatedNic nic = nic(VnicModel.PCNET);
        world.run(() -> {
            for (int i = 0; i < 40; i++) {
                nic.deliver(pool.acquire());
            }
        });
        VnicCounters counters = world.call(nic::counters);
        assertEquals(32, guestArrivals.size(), "the 33rd frame found the queue full: its 32 went to the guest");
        assertEquals(8, counters.rxQueued());
        assertEquals(0, counters.rxDropsQueueFull());
        world.advance(0);
        assertEquals(40, guestArrivals.size());
        assertEquals(0, pool.inUse());
    }

    @Test
    void aFullReceiveQueueWhoseGuestCannotRunDropsAndCounts() {
        EmulatedNic nic = nic(VnicModel.PCNET);
        world.run(() -> {
            nic.suspendGuest();
            for (int i = 0; i < 40; i++) {
                nic.deliver(pool.acquire());
            }
        });
        VnicCounters counters = world.call(nic::counters);
        assertEquals(32, counters.rxQueued());
        assertEquals(8, counters.rxDropsQueueFull());
        world.run(nic::resumeGuest);
        world.advance(0);
        assertEquals(32, guestArrivals.size());
        assertEquals(0, pool.inUse());
    }

    @Test
    void aTapHoldsASuspiciousFramesInterruptForItsAssessmentOncePerBatch() {
        EmulatedNic nic = nic(VnicModel.E1000);
        List<Integer> seen = new ArrayList<>();
        world.run(() -> nic.setTaps(new ReceiveTap[] {(headers, frame) -> {
            seen.add(headers.destinationPort());
            return headers.destinationPort() == 31_337 ? 3_000_000 : 0;
        }}));
        world.run(() -> {
            nic.deliver(udp(9)); // an ordinary frame arms the interrupt at once
            nic.deliver(udp(31_337)); // a suspicious one in the same batch holds it for 3 ms
        });
        world.advance(2_999_999);
        assertTrue(guestArrivals.isEmpty(), "held for the assessment window");
        world.advance(1);
        assertEquals(2, guestArrivals.size());
        assertEquals(List.of(9, 31_337), seen, "the tap saw each frame's parsed headers");
        // A stream of suspicious frames holds each batch one window, never longer.
        world.run(() -> nic.deliver(udp(31_337)));
        world.advance(2_000_000);
        world.run(() -> nic.deliver(udp(31_337)));
        world.advance(1_000_000);
        assertEquals(4, guestArrivals.size(), "the second frame joined the held batch without extending it");
        assertEquals(3, world.call(nic::rxHeldFrames));
    }

    @Test
    void aFrameRoutedWithItsHeadersIsNotParsedAgainForTheTaps() {
        EmulatedNic nic = nic(VnicModel.E1000);
        List<FrameHeaders> shown = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        world.run(() -> nic.setTaps(new ReceiveTap[] {(headers, frame) -> {
            shown.add(headers);
            ports.add(headers.destinationPort());
            return 0;
        }}));
        HeaderParser routed = new HeaderParser(); // the NIC manager's router, which parsed the frame to route it
        world.run(() -> {
            FrameBuffer frame = udp(53);
            routed.parse(frame);
            nic.deliver(routed, frame);
            nic.deliver(udp(80)); // the local path hands no headers: parsed here
        });
        assertSame(routed, shown.get(0), "the taps read the router's headers, not a second parse");
        assertNotSame(routed, shown.get(1));
        assertEquals(List.of(53, 80), ports);
    }

    @Test
    void whileSuspendedTheGuestGetsNothingAndTheQueueAndCountersWait() {
        EmulatedNic nic = nic(VnicModel.E1000);
        world.run(() -> {
            nic.deliver(pool.acquire()); // its interrupt is armed before the suspension
            nic.suspendGuest();
            nic.deliver(pool.acquire());
            nic.deliver(pool.acquire());
        });
        world.advance(10_000_000);
        assertTrue(guestArrivals.isEmpty());
        VnicCounters waiting = world.call(nic::counters);
        assertEquals(3, waiting.rxFrames());
        assertEquals(3, waiting.rxQueued());
        assertEquals(0, waiting.interrupts());
        world.run(nic::resumeGuest);
        world.advance(0);
        assertEquals(3, guestArrivals.size(), "everything that waited, once, at the resume");
        assertEquals(1, world.call(nic::counters).interrupts());
    }

    private FrameBuffer udp(int destinationPort) {
        FrameBuffer frame = pool.acquire();
        frame.setLength(FrameWriter.udpFrame(frame.data(), 100, 0x02_00_00_00_00_01L, 0x02_00_00_00_00_99L, 1, 2, 3,
                destinationPort, 0, 0));
        return frame;
    }
}
