package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

/** A super-frame costs on the wire what the segments cut from it cost, each with its headers, FCS, preamble and gap. */
class LineRateCarriedLengthTest {

    private static final int HEADERS = 54;
    private static final int SEGMENT = 1448;

    private static FrameBuffer frame(int length) {
        FrameBuffer frame = FrameBuffer.unpooled(length);
        frame.setLength(length);
        return frame;
    }

    @Test
    void aSuperFrameCostsWhatItsSegmentsCost() {
        FrameBuffer superFrame = frame(20_000);
        superFrame.offload().setSegmentation(FrameOffload.TCPV4, SEGMENT, HEADERS);
        // 19,946 bytes of payload: 13 full segments of 1448 and one of 1122, each behind 54 bytes of headers.
        long segments = 13 * LineRate.wireBytes(HEADERS + SEGMENT) + LineRate.wireBytes(HEADERS + 1122);

        assertEquals(segments, LineRate.wireBytes(LineRate.carriedLength(superFrame)));
        assertEquals(21_038, segments);
    }

    @Test
    void anyOtherFrameCostsItsOwnLength() {
        assertEquals(1514, LineRate.carriedLength(frame(1514)));
        FrameBuffer checksumOnly = frame(1514);
        checksumOnly.offload().setChecksum(34, 16);
        assertEquals(1514, LineRate.carriedLength(checksumOnly));
        FrameBuffer withoutHeaderLength = frame(20_000);
        withoutHeaderLength.offload().setSegmentation(FrameOffload.TCPV4, SEGMENT, 0);
        assertEquals(20_000, LineRate.carriedLength(withoutHeaderLength), "the sender did not say: its own length");
    }
}
