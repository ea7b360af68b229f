package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;

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
        int length = FrameWriter.udpFrame(data, 100, 1, 2, 3, 4, 5, 6, 7, 8);
        System.arraycopy(data, 12, data, 16, length - 12); // insert a VLAN tag after the MACs
        data[12] = (byte) 0x81;
        data[13] = 0x00;
        data[14] = 0;
        data[15] = 5;
        assertEquals(46, locator.find(data, length + 4));
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
