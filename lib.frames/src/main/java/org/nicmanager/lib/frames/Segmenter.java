package org.nicmanager.lib.frames;

import java.nio.ByteBuffer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.frame.FrameVerdict;

/**
 * Cuts a TCP super-frame into the segments a device with segmentation offload would have cut, in software, as Linux's
 * {@code skb_gso_segment} does for a device without it: for a destination that cannot take super-frames, such as a
 * guest without offloads on the same host. Each segment repeats the super-frame's headers and carries one MSS of its
 * payload (the last one the rest), with its own IPv4 length, identification and header checksum (or IPv6 payload
 * length), its TCP sequence number, FIN and PSH only on the last segment, CWR only on the first, and a complete TCP
 * checksum. The segments need no offload of their own.
 *
 * <p>Either every segment is made, or none: the buffers are counted before the first is taken. A super-frame whose
 * MSS would cut it into more than {@link #MAX_SEGMENTS} segments is refused, so a guest cannot make the host spend
 * 64 K buffers on one frame. One instance per thread; the frame path allocates nothing.
 */
public final class Segmenter {

    /** The most segments one super-frame may become: 64 KB at an MSS of 256 bytes. */
    public static final int MAX_SEGMENTS = 256;

    /** What {@link #segment} did. */
    public enum Outcome {
        /** The segments went to the sink, in order. */
        CUT,
        /** Not a TCP super-frame over IPv4 or IPv6 with a usable MSS, or too many segments: nothing was made. */
        CANNOT_CUT,
        /** The pool has fewer free buffers than segments: nothing was made. */
        NO_BUFFER
    }

    /** Where the segments go. */
    @FunctionalInterface
    public interface SegmentSink {
        /** One segment, in order; ownership passes to the sink. */
        void accept(FrameBuffer segment);
    }

    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;
    private static final int IPV6_HEADER_BYTES = 40;

    private final HeaderParser headers = new HeaderParser();

    /**
     * Cuts {@code superFrame} into segments from {@code pool} and hands each to {@code sink}. The super-frame stays
     * the caller's, unchanged, whatever the outcome.
     */
    public Outcome segment(FrameBuffer superFrame, FramePool pool, SegmentSink sink) {
        FrameOffload offload = superFrame.offload();
        int kind = offload.segmentation() & ~FrameOffload.ECN;
        if (kind != FrameOffload.TCPV4 && kind != FrameOffload.TCPV6 || offload.segmentBytes() <= 0
                || headers.parse(superFrame) != FrameVerdict.OK || headers.protocol() != OffloadSettler.TCP) {
            return Outcome.CANNOT_CUT;
        }
        ByteBuffer source = superFrame.memory();
        int l3 = headers.l3Offset();
        int l4 = headers.l4Offset();
        int headerBytes = l4 + ((source.get(l4 + 12) & 0xf0) >>> 2);
        int payloadBytes = superFrame.length() - headerBytes;
        int mss = offload.segmentBytes();
        int segments = Math.max(1, (payloadBytes + mss - 1) / mss);
        if (payloadBytes < 0 || segments > MAX_SEGMENTS || headerBytes + mss > pool.bufferCapacityBytes()) {
            return Outcome.CANNOT_CUT;
        }
        if (pool.available() < segments) {
            return Outcome.NO_BUFFER;
        }
        boolean ipv4 = headers.ipVersion() == 4;
        int firstId = ipv4 ? source.getShort(l3 + 4) & 0xffff : 0;
        int firstSequence = source.getInt(l4 + 4);
        int flags = source.get(l4 + 13) & 0xff;
        for (int i = 0; i < segments; i++) {
            int chunk = Math.min(mss, payloadBytes - i * mss);
            FrameBuffer segment = pool.acquire();
            ByteBuffer bytes = segment.memory();
            bytes.put(0, source, 0, headerBytes);
            bytes.put(headerBytes, source, headerBytes + i * mss, chunk);
            int end = headerBytes + chunk;
            segment.setLength(end);
            segment.setSourcePort(superFrame.sourcePort());
            if (ipv4) {
                bytes.putShort(l3 + 2, (short) (end - l3));
                bytes.putShort(l3 + 4, (short) (firstId + i));
                ipv4HeaderChecksum(bytes, l3, l4);
            } else {
                bytes.putShort(l3 + 4, (short) (end - l3 - IPV6_HEADER_BYTES));
            }
            bytes.putInt(l4 + 4, firstSequence + i * mss);
            int segmentFlags = flags;
            if (i < segments - 1) {
                segmentFlags &= ~(FIN | PSH);
            }
            if (i > 0) {
                segmentFlags &= ~CWR;
            }
            bytes.put(l4 + 13, (byte) segmentFlags);
            bytes.putShort(l4 + OffloadSettler.TCP_CHECKSUM_OFFSET,
                    (short) OffloadSettler.pseudoHeaderSum(bytes, ipv4, l3, end - l4));
            OffloadSettler.completeChecksum(bytes, l4, OffloadSettler.TCP_CHECKSUM_OFFSET, end);
            sink.accept(segment);
        }
        return Outcome.CUT;
    }

    private static void ipv4HeaderChecksum(ByteBuffer bytes, int l3, int l4) {
        bytes.putShort(l3 + 10, (short) 0);
        long sum = 0;
        for (int at = l3; at < l4; at += 2) {
            sum += bytes.getShort(at) & 0xffff;
        }
        bytes.putShort(l3 + 10, (short) ~OffloadSettler.fold(sum));
    }
}
