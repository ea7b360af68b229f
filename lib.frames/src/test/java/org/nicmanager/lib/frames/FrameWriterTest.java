package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;

class FrameWriterTest {

    private final byte[] data = new byte[FrameBuffer.MAX_FRAME_BYTES];
    private final HeaderParser headers = new HeaderParser();

    @Test
    void aStampedUdpFrameParsesBackWithItsFieldsAndStamp() {
        int length = FrameWriter.udpFrame(data, 60, 0x02_00_00_00_00_02L, 0x02_00_00_00_00_01L, 0x0A000001,
                0x0A000002, 4000, 5000, 7, 123_456_789_012L);
        assertEquals(60, length);
        assertEquals(FrameVerdict.OK, headers.parse(data, length));
        assertEquals(0x02_00_00_00_00_02L, headers.destinationMac());
        assertEquals(0x02_00_00_00_00_01L, headers.sourceMac());
        assertEquals(0x0A000001, headers.ipv4Source());
        assertEquals(0x0A000002, headers.ipv4Destination());
        assertEquals(4000, headers.sourcePort());
        assertEquals(5000, headers.destinationPort());
        int payload = headers.payloadOffset();
        assertTrue(FlowStamp.present(data, payload, headers.l3End()));
        assertEquals(7, FlowStamp.flowId(data, payload));
        assertEquals(123_456_789_012L, FlowStamp.sequence(data, payload));
    }

    @Test
    void theIpv4ChecksumVerifies() {
        FrameWriter.udpFrame(data, 1514, 1, 2, 0xC0A80001, 0xC0A80002, 1, 2, 0, 0);
        assertEquals(0, FrameWriter.ipv4Checksum(data, FrameWriter.ETHERNET_HEADER_BYTES));
    }

    @Test
    void aFrameTooShortForTheStampIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FrameWriter.udpFrame(data, 50, 1, 2, 3, 4, 5, 6, 0, 0));
        assertTrue(refused.getMessage().contains("not 50"), refused.getMessage());
    }

    @Test
    void aGratuitousArpIsABroadcastArpOfMinimumSize() {
        int length = FrameWriter.gratuitousArp(data, 0x02_00_00_00_00_09L, 0x0A000009);
        assertEquals(60, length);
        assertEquals(FrameVerdict.OK, headers.parse(data, length));
        assertTrue(headers.isBroadcast());
        assertEquals(FrameHeaders.ETHERTYPE_ARP, headers.etherType());
        assertEquals(0x02_00_00_00_00_09L, headers.sourceMac());
    }

    @Test
    void aStampIsAbsentFromOtherPayloads() {
        assertFalse(FlowStamp.present(data, 0, 10));
        assertFalse(FlowStamp.present(data, -1, 40));
        assertFalse(FlowStamp.present(new byte[20], 0, 40));
    }
}
