package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

/**
 * Software segmentation: a TCP super-frame becomes the segments a device would have cut, each a valid frame on its
 * own (lengths, identification, sequence numbers, flags, both checksums), whose payloads put together are the
 * super-frame's; and when it cannot be cut, nothing is taken from the pool.
 */
class SegmenterTest {

    private static final int MSS = 1448;
    /** TCP with 12 bytes of options (timestamps), as Linux sends it. */
    private static final int TCP_HEADER_BYTES = 32;
    private static final int FIN_PSH_ACK = 0x19;
    private static final int CWR_ACK = 0x90;

    private final Segmenter segmenter = new Segmenter();
    private final FramePool pool = new FramePool(64, FrameBuffer.MAX_FRAME_BYTES);
    private final List<FrameBuffer> segments = new ArrayList<>();

    @Test
    void anIpv4SuperFrameBecomesValidSegmentsWhosePayloadsAreItsOwn() {
        byte[] payload = payload(10_000);
        FrameBuffer superFrame = tcpSuperFrame(true, payload, FIN_PSH_ACK, FrameOffload.TCPV4);

        assertEquals(Segmenter.Outcome.CUT, segmenter.segment(superFrame, pool, segments::add));

        assertEquals(7, segments.size(), "10,000 bytes at an MSS of 1,448");
        int l4 = 14 + 20;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < segments.size(); i++) {
            ByteBuffer bytes = segments.get(i).memory();
            int chunk = i < 6 ? MSS : 10_000 - 6 * MSS;
            assertEquals(l4 + TCP_HEADER_BYTES + chunk, segments.get(i).length());
            assertEquals(20 + TCP_HEADER_BYTES + chunk, bytes.getShort(14 + 2) & 0xffff, "IPv4 total length");
            assertEquals(0x1234 + i, bytes.getShort(14 + 4) & 0xffff, "identification");
            assertEquals(0xffff, sum(bytes, 14, l4), "IPv4 header checksum");
            assertEquals(1_000_000 + i * MSS, bytes.getInt(l4 + 4), "sequence number");
            assertEquals(i == 6 ? FIN_PSH_ACK : 0x10, bytes.get(l4 + 13) & 0xff, "FIN and PSH on the last only");
            assertEquals(0xffff, tcpChecksumSum(bytes, true, 14, segments.get(i).length()), "TCP checksum");
            assertTrue(segments.get(i).offload().none(), "a segment needs no offload");
            joined.write(segments.get(i).data(), l4 + TCP_HEADER_BYTES, chunk);
        }
        assertArrayEquals(payload, joined.toByteArray());
        assertEquals(7, pool.inUse(), "the segments are the sink's now; the super-frame stays the caller's");
    }

    @Test
    void anIpv6SuperFrameGetsPayloadLengthsAndChecksumsAndCwrOnlyOnTheFirstSegment() {
        byte[] payload = payload(3 * MSS);
        FrameBuffer superFrame = tcpSuperFrame(false, payload, CWR_ACK, FrameOffload.TCPV6 | FrameOffload.ECN);

        assertEquals(Segmenter.Outcome.CUT, segmenter.segment(superFrame, pool, segments::add));

        assertEquals(3, segments.size());
        int l4 = 14 + 40;
        for (int i = 0; i < 3; i++) {
            ByteBuffer bytes = segments.get(i).memory();
            assertEquals(TCP_HEADER_BYTES + MSS, bytes.getShort(14 + 4) & 0xffff, "IPv6 payload length");
            assertEquals(i == 0 ? CWR_ACK : 0x10, bytes.get(l4 + 13) & 0xff, "CWR on the first only");
            assertEquals(0xffff, tcpChecksumSum(bytes, false, 14, segments.get(i).length()), "TCP checksum");
        }
    }

    @Test
    void whatCannotBeCutTakesNothingFromThePool() {
        FrameBuffer udp = tcpSuperFrame(true, payload(4000), 0x10, FrameOffload.UDP);
        assertEquals(Segmenter.Outcome.CANNOT_CUT, segmenter.segment(udp, pool, segments::add));

        FrameBuffer tinyMss = tcpSuperFrame(true, payload(60_000), 0x10, FrameOffload.TCPV4);
        tinyMss.offload().setSegmentation(FrameOffload.TCPV4, 100, 0);
        assertEquals(Segmenter.Outcome.CANNOT_CUT, segmenter.segment(tinyMss, pool, segments::add),
                "600 segments: more than " + Segmenter.MAX_SEGMENTS);

        FramePool small = new FramePool(3, FrameBuffer.MAX_FRAME_BYTES);
        FrameBuffer large = tcpSuperFrame(true, payload(10_000), 0x10, FrameOffload.TCPV4);
        assertEquals(Segmenter.Outcome.NO_BUFFER, segmenter.segment(large, small, segments::add));

        assertEquals(List.of(), segments);
        assertEquals(0, pool.inUse());
        assertEquals(0, small.inUse());
    }

    private static byte[] payload(int bytes) {
        byte[] payload = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        return payload;
    }

    /**
     * A super-frame as a guest's stack hands it over: full-length IP header, the TCP checksum field holding only the
     * pseudo-header's sum (checksum pending), and the segmentation in its offload.
     */
    private static FrameBuffer tcpSuperFrame(boolean ipv4, byte[] payload, int flags, int segmentation) {
        int l3 = 14;
        int l4 = l3 + (ipv4 ? 20 : 40);
        int length = l4 + TCP_HEADER_BYTES + payload.length;
        FrameBuffer frame = FrameBuffer.unpooled(FrameBuffer.MAX_SUPER_FRAME_BYTES);
        ByteBuffer bytes = frame.memory();
        bytes.putLong(0, 0x0200_0000_0002_0200L); // destination 02:00:00:00:00:02, source starts 02:00
        bytes.putInt(8, 0x0000_0001);
        bytes.putShort(12, (short) (ipv4 ? 0x0800 : 0x86dd));
        if (ipv4) {
            bytes.put(l3, (byte) 0x45);
            bytes.putShort(l3 + 2, (short) (length - l3));
            bytes.putShort(l3 + 4, (short) 0x1234);
            bytes.put(l3 + 6, (byte) 0x40); // don't fragment
            bytes.put(l3 + 8, (byte) 64);
            bytes.put(l3 + 9, (byte) 6);
            bytes.putInt(l3 + 12, 0x0a000001);
            bytes.putInt(l3 + 16, 0x0a000002);
        } else {
            bytes.putInt(l3, 0x6000_0000);
            bytes.putShort(l3 + 4, (short) (length - l4));
            bytes.put(l3 + 6, (byte) 6);
            bytes.put(l3 + 7, (byte) 64);
            bytes.putLong(l3 + 8, 0xfd00_0000_0000_0000L);
            bytes.putLong(l3 + 16, 1);
            bytes.putLong(l3 + 24, 0xfd00_0000_0000_0000L);
            bytes.putLong(l3 + 32, 2);
        }
        bytes.putShort(l4, (short) 40000);
        bytes.putShort(l4 + 2, (short) 5201);
        bytes.putInt(l4 + 4, 1_000_000);
        bytes.putInt(l4 + 8, 77);
        bytes.put(l4 + 12, (byte) ((TCP_HEADER_BYTES / 4) << 4));
        bytes.put(l4 + 13, (byte) flags);
        bytes.putShort(l4 + 14, (short) 512);
        bytes.put(l4 + TCP_HEADER_BYTES, payload);
        frame.setLength(length);
        frame.offload().setChecksum(l4, 16);
        frame.offload().setSegmentation(segmentation, MSS, l4 + TCP_HEADER_BYTES);
        return frame;
    }

    /** The one's-complement sum over [from, to), folded: 0xffff when a checksum inside it is right. */
    private static int sum(ByteBuffer bytes, int from, int to) {
        long sum = 0;
        for (int at = from; at < to; at += 2) {
            sum += at + 1 < to ? bytes.getShort(at) & 0xffff : (bytes.get(at) & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The TCP segment's sum with its pseudo-header, computed independently of the code under test. */
    private static int tcpChecksumSum(ByteBuffer bytes, boolean ipv4, int l3, int end) {
        int l4 = l3 + (ipv4 ? 20 : 40);
        long sum = sum(bytes, l4, end) + 6 + (end - l4);
        sum += ipv4 ? sum(bytes, l3 + 12, l3 + 20) : sum(bytes, l3 + 8, l3 + 40);
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
