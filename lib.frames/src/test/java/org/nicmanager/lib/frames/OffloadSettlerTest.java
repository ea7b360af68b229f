package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

class OffloadSettlerTest {

    private static final int UDP_AT = 14 + 20;
    private static final int UDP_CHECKSUM = 6;
    private static final int SOURCE_IP = 0x0a000001;
    private static final int DESTINATION_IP = 0x0a000002;

    /** A UDP frame with {@code payload} bytes whose checksum is left as Linux leaves it: the pseudo-header's sum. */
    private static FrameBuffer udpWithPendingChecksum(int payload) {
        byte[] data = new byte[14 + 20 + 8 + payload];
        FrameWriter.ethernet(data, 0x020000000002L, 0x020000000001L, 0x0800);
        FrameWriter.ipv4(data, 14, SOURCE_IP, DESTINATION_IP, 17, 20 + 8 + payload);
        FrameWriter.udp(data, UDP_AT, 5000, 5001, 8 + payload);
        for (int i = 0; i < payload; i++) {
            data[UDP_AT + 8 + i] = (byte) (i * 7 + 3);
        }
        int pseudo = fold(sum16(new byte[] {10, 0, 0, 1, 10, 0, 0, 2, 0, 17}, 0, 10) + 8 + payload);
        data[UDP_AT + UDP_CHECKSUM] = (byte) (pseudo >>> 8);
        data[UDP_AT + UDP_CHECKSUM + 1] = (byte) pseudo;
        FrameBuffer frame = FrameBuffer.unpooled(data.length);
        frame.copyFrom(data, 0, data.length);
        frame.offload().setChecksum(UDP_AT, UDP_CHECKSUM);
        return frame;
    }

    /** RFC 1071, written out on its own: the pseudo-header and the UDP datagram sum to 0xffff when it is right. */
    private static boolean udpChecksumIsRight(FrameBuffer frame) {
        byte[] data = frame.data();
        int udpBytes = frame.length() - UDP_AT;
        long sum = sum16(data, 26, 8) + 17 + udpBytes + sum16(data, UDP_AT, udpBytes);
        return fold(sum) == 0xffff;
    }

    private static long sum16(byte[] data, int from, int count) {
        long sum = 0;
        for (int i = 0; i < count; i += 2) {
            int high = data[from + i] & 0xff;
            int low = i + 1 < count ? data[from + i + 1] & 0xff : 0;
            sum += high << 8 | low;
        }
        return sum;
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void aPendingChecksumIsCompletedAndNothingIsLeftToDo() {
        for (int payload : new int[] {18, 19, 1472}) {
            FrameBuffer frame = udpWithPendingChecksum(payload);
            assertFalse(udpChecksumIsRight(frame), "left undone by the guest");

            assertTrue(OffloadSettler.settle(frame));

            assertTrue(udpChecksumIsRight(frame), payload + " bytes of payload");
            assertTrue(frame.offload().none());
        }
    }

    @Test
    void aSuperFrameCannotBeSettledAndStaysAsItWas() {
        FrameBuffer frame = udpWithPendingChecksum(3000);
        frame.offload().setSegmentation(FrameOffload.UDP, 1472, UDP_AT + 8);
        byte[] before = frame.data().clone();

        assertFalse(OffloadSettler.settle(frame));

        assertTrue(frame.offload().superFrame() && frame.offload().checksumPending());
        assertEquals(java.nio.ByteBuffer.wrap(before), java.nio.ByteBuffer.wrap(frame.data()));
    }

    @Test
    void aFrameWithoutOffloadsIsLeftAlone() {
        FrameBuffer frame = FrameBuffer.unpooled(60);
        frame.setLength(60);
        assertTrue(OffloadSettler.settle(frame));
        assertEquals(java.nio.ByteBuffer.allocate(60), java.nio.ByteBuffer.wrap(frame.data()));
    }

    /**
     * A GRO-merged TCP frame, whose checksums were verified but whose checksum field no longer fits its payload, is
     * marked pending with the pseudo-header's sum in the field; completing it then gives a right checksum.
     */
    @Test
    void aMergedTcpFrameIsMarkedPendingAndThenCompletesRight() {
        int tcpAt = 14 + 20;
        int tcpBytes = 20 + 3000;
        byte[] data = new byte[tcpAt + tcpBytes];
        FrameWriter.ethernet(data, 0x020000000002L, 0x020000000001L, 0x0800);
        FrameWriter.ipv4(data, 14, SOURCE_IP, DESTINATION_IP, 6, 20 + tcpBytes);
        data[tcpAt + 12] = 0x50;
        for (int i = 20; i < tcpBytes; i++) {
            data[tcpAt + i] = (byte) (i * 13 + 1);
        }
        data[tcpAt + 16] = 0x12; // what the last merged segment carried: wrong for the whole
        data[tcpAt + 17] = 0x34;
        FrameBuffer frame = FrameBuffer.unpooled(data.length);
        frame.copyFrom(data, 0, data.length);

        assertTrue(OffloadSettler.markChecksumPending(frame, new HeaderParser()));
        assertTrue(frame.offload().checksumPending());
        assertEquals(tcpAt, frame.offload().checksumStartBytes());
        assertTrue(OffloadSettler.settle(frame));

        byte[] done = frame.data();
        long sum = sum16(done, 26, 8) + 6 + tcpBytes + sum16(done, tcpAt, tcpBytes);
        assertEquals(0xffff, fold(sum), "the TCP checksum is right");
    }

    @Test
    void aFrameThatIsNotTcpIsNotMarked() {
        FrameBuffer udp = udpWithPendingChecksum(100);
        udp.offload().checksumDone();
        assertFalse(OffloadSettler.markChecksumPending(udp, new HeaderParser()));
        assertFalse(udp.offload().checksumPending());
    }
}
