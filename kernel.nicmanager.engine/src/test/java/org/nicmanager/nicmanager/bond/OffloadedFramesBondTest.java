package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * Issue 15, TCP through the NIC Manager at the speed of segmentation offload: a real guest's frames may carry work
 * left for the device ({@link FrameOffload}). A member that finishes it (a Linux NIC) gets them as they are, a
 * super-frame longer than its MTU included, as long as each segment fits; any other member gets the checksum completed
 * first, and a super-frame, which only a device can cut, is refused TOO_LONG.
 */
class OffloadedFramesBondTest {

    private static final int UDP_AT = FrameBuilder.ETHERNET_HEADER_BYTES + FrameBuilder.IPV4_HEADER_BYTES;
    private static final int TCP_HEADERS = UDP_AT + FrameBuilder.TCP_HEADER_BYTES;

    /** A 20,000-byte TCP super-frame, cut into 1448-byte segments by whoever sends it. */
    private static FrameBuffer superFrame(int segmentBytes) {
        FrameBuffer frame = FrameBuilder.ethernet(0x0200_0000_0002L, 0x0200_0000_0001L)
                .etherType(FrameHeaders.ETHERTYPE_IPV4)
                .ipv4(FrameHeaders.PROTOCOL_TCP, 0x0a000001, 0x0a000002, 20_000 - FrameBuilder.ETHERNET_HEADER_BYTES)
                .tcp(5000, 5001, 0x10).padTo(20_000).buildBuffer();
        frame.offload().setChecksum(UDP_AT, 16);
        frame.offload().setSegmentation(FrameOffload.TCPV4, segmentBytes, TCP_HEADERS);
        return frame;
    }

    private static FrameBuffer udpWithPendingChecksum() {
        FrameBuffer frame = FrameBuilder.udpFrame(0x0200_0000_0002L, 0x0200_0000_0001L, 0x0a000001, 0x0a000002, 5000,
                5001, 64).buildBuffer();
        frame.offload().setChecksum(UDP_AT, 6);
        return frame;
    }

    private static TransmitOutcome send(FakeNic nic, FrameBuffer frame) {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, BondWorld.SECOND, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        })) {
            return world.call(() -> {
                Bond bond = new Bond("bond0", Policies.ROUND_ROBIN, VmKnowledge.NONE, world, BondSettings.defaults());
                bond.addMember(nic);
                return bond.transmit(frame);
            });
        }
    }

    private static FakeNic nic() {
        return new FakeNic("nic0", 0x0200_0000_0010L).withLink(1_000_000_000L, 1500);
    }

    @Test
    void aMemberThatFinishesOffloadsTakesASuperFrameWhoseSegmentsFitItsMtu() {
        FakeNic linuxLike = nic().takingOffloadedFrames();
        FrameBuffer frame = superFrame(1448);

        assertEquals(TransmitOutcome.SENT, send(linuxLike, frame));
        assertEquals(1, linuxLike.transmitted());
        assertTrue(frame.offload().superFrame() && frame.offload().checksumPending(), "left for the NIC to finish");
    }

    @Test
    void aSuperFrameWhoseSegmentsExceedTheMtuIsRefusedEvenThere() {
        FakeNic linuxLike = nic().takingOffloadedFrames();

        assertEquals(TransmitOutcome.DROPPED, send(linuxLike, superFrame(8000)));
        assertEquals(0, linuxLike.transmitted());
    }

    @Test
    void aMemberWithoutOffloadsNeverGetsASuperFrame() {
        FakeNic simulated = nic();

        assertEquals(TransmitOutcome.DROPPED, send(simulated, superFrame(1448)));
        assertEquals(0, simulated.transmitted());
    }

    @Test
    void aMemberWithoutOffloadsGetsThePendingChecksumCompleted() {
        FakeNic simulated = nic();
        FrameBuffer frame = udpWithPendingChecksum();
        int before = frame.memory().getShort(UDP_AT + 6);

        assertEquals(TransmitOutcome.SENT, send(simulated, frame));

        assertTrue(frame.offload().none(), "nothing left to do");
        assertTrue(frame.memory().getShort(UDP_AT + 6) != before, "the checksum was written");
    }
}
