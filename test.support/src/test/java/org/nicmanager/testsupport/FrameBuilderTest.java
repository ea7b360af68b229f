package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/** The whole frames FrameBuilder writes: their length fields agree with their size. */
class FrameBuilderTest {

    private static int u16(byte[] frame, int offset) {
        return (frame[offset] & 0xFF) << 8 | frame[offset + 1] & 0xFF;
    }

    @Test
    void aUdpFrameHasItsLengthsFilledInAndZeroPayload() {
        byte[] frame = FrameBuilder.udpFrame(0x02_00_00_00_00_02L, 0x02_00_00_00_00_01L, 0x0A000001, 0x0A000002,
                1000, 53, 100).build();
        assertEquals(100, frame.length);
        assertEquals(FrameHeaders.ETHERTYPE_IPV4, u16(frame, 12));
        assertEquals(86, u16(frame, 16), "IPv4 total length: all but the Ethernet header");
        assertEquals(FrameHeaders.PROTOCOL_UDP, frame[23]);
        assertEquals(53, u16(frame, 36));
        assertEquals(66, u16(frame, 38), "UDP length: all but the Ethernet and IPv4 headers");
        assertArrayEquals(new byte[100 - 42], Arrays.copyOfRange(frame, 42, 100));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> FrameBuilder.udpFrame(2, 1, 1, 2, 1000, 53, 41));
        assertTrue(refused.getMessage().contains("41") && refused.getMessage().contains("42"), refused.getMessage());
    }

    @Test
    void aTcpSegmentAndAGratuitousArpArePaddedToTheMinimumFrame() {
        byte[] syn = FrameBuilder.tcpSegment(2, 1, 0x0A000001, 0x0A000002, 40_000, 80, FrameHeaders.TCP_SYN).build();
        assertEquals(FrameBuilder.MIN_FRAME_BYTES, syn.length);
        assertEquals(40, u16(syn, 16));
        assertEquals(FrameHeaders.TCP_SYN, syn[47]);
        byte[] arp = FrameBuilder.gratuitousArp(0x02_00_00_00_00_07L, 0x0A000007).build();
        assertEquals(FrameBuilder.MIN_FRAME_BYTES, arp.length);
        assertEquals(FrameHeaders.ETHERTYPE_ARP, u16(arp, 12));
        assertArrayEquals(Arrays.copyOfRange(arp, 28, 32), Arrays.copyOfRange(arp, 38, 42),
                "it asks for its own address");
    }
}
