package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.testsupport.FrameBuilder;

class FlowStampLocatorTest {

    private static final int STAMPED_TCP = 14 + 20 + 20;
    private final byte[] data = new byte[200];
    private final FlowStampLocator locator = new FlowStampLocator();

    @Test
    void findsTheStampOfAUdpFrame() {
        int length = FrameWriter.udpFrame(data, 100, 1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(42, locator.find(data, length));
    }

    @Test
    void findsTheStampAtTheStartOfATcpPayload() {
        int length = tcpSegment(STAMPED_TCP + FlowStamp.BYTES + 10, true);
        assertEquals(STAMPED_TCP, locator.find(data, length));
    }

    @Test
    void aSegmentWithoutPayloadHasNoStamp() {
        int length = tcpSegment(STAMPED_TCP, false);
        assertEquals(FlowStampLocator.NONE, locator.find(data, Math.max(length, FrameWriter.MIN_FRAME_BYTES)));
    }

    @Test
    void aVlanTaggedFrameIsFoundByTheFullParse() {
        byte[] tagged = FrameBuilder.ethernet(1, 2).vlan(FrameHeaders.ETHERTYPE_VLAN, 0, 5)
                .etherType(FrameHeaders.ETHERTYPE_IPV4).ipv4(FrameHeaders.PROTOCOL_UDP, 3, 4, 86).udp(5, 6, 66)
                .padTo(104).build();
        FlowStamp.write(tagged, 46, 7, 8); // after the 4 bytes of the tag: Ethernet 14 + 4, IPv4 20, UDP 8
        assertEquals(46, locator.find(tagged, tagged.length));
    }

    @Test
    void garbageAndBadLengthsFindNothing() {
        assertEquals(FlowStampLocator.NONE, locator.find(data, 60));
        assertEquals(FlowStampLocator.NONE, locator.find(data, -1));
        assertEquals(FlowStampLocator.NONE, locator.find(data, data.length + 1));
        assertEquals(FlowStampLocator.NONE, locator.find(null, 0));
    }

    private int tcpSegment(int ipEnd, boolean stamped) {
        int offset = FrameWriter.ethernet(data, 1, 2, FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(data, offset, 3, 4, FrameHeaders.PROTOCOL_TCP, ipEnd - offset);
        offset = FrameWriter.tcp(data, offset, 5, 6, 1, 0, FrameHeaders.TCP_ACK, 65_535);
        if (stamped) {
            FlowStamp.write(data, offset, 9, 0);
        }
        return ipEnd;
    }
}
