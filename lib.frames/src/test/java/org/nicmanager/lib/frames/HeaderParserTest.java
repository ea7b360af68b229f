package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ABSENT;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_IP6;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_IP;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_MAC;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_PORT;
import static org.nicmanager.lib.frames.SampleFrames.DNS_PORT;
import static org.nicmanager.lib.frames.SampleFrames.HTTP_PORT;
import static org.nicmanager.lib.frames.SampleFrames.IPV4_L3;
import static org.nicmanager.lib.frames.SampleFrames.IPV4_L4;
import static org.nicmanager.lib.frames.SampleFrames.IPV6_AFTER_HEADER;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_IP6;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_IP;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_MAC;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;

/** Well-formed frames: every header is found and every field is read from the right place. */
class HeaderParserTest {

    private final HeaderParser headers = new HeaderParser();

    private void parseOk(byte[] frame) {
        assertEquals(FrameVerdict.OK, headers.parse(frame, frame.length));
        assertTrue(headers.valid());
        assertEquals(frame.length, headers.length());
    }

    @Test
    void untaggedIpv4TcpSynExposesEveryLayer() {
        parseOk(SampleFrames.ipv4TcpSyn());

        assertEquals(SERVER_MAC, headers.destinationMac());
        assertEquals(CLIENT_MAC, headers.sourceMac());
        assertFalse(headers.isMulticast());
        assertFalse(headers.isBroadcast());
        assertEquals(FrameHeaders.ETHERTYPE_IPV4, headers.etherType());
        assertEquals(0, headers.vlanCount());
        assertEquals(ABSENT, headers.vlanId());
        assertEquals(ABSENT, headers.vlanPriority());
        assertEquals(4, headers.ipVersion());
        assertEquals(FrameHeaders.PROTOCOL_TCP, headers.protocol());
        assertEquals(CLIENT_IP, headers.ipv4Source());
        assertEquals(SERVER_IP, headers.ipv4Destination());
        assertEquals(0, headers.ipv6Source(0));
        assertEquals(CLIENT_PORT, headers.sourcePort());
        assertEquals(HTTP_PORT, headers.destinationPort());
        assertEquals(FrameHeaders.TCP_SYN, headers.tcpFlags());
        assertTrue(headers.isTcpSyn());
        assertEquals(IPV4_L3, headers.l3Offset());
        assertEquals(IPV4_L4, headers.l4Offset());
        assertEquals(IPV4_L4 + 20, headers.payloadOffset());
        assertEquals(64, headers.l3End());
    }

    @Test
    void synAckIsNotASyn() {
        parseOk(SampleFrames.ipv4Tcp(HTTP_PORT, CLIENT_PORT, FrameHeaders.TCP_SYN | FrameHeaders.TCP_ACK));

        assertEquals(FrameHeaders.TCP_SYN | FrameHeaders.TCP_ACK, headers.tcpFlags());
        assertFalse(headers.isTcpSyn());
    }

    @Test
    void ipv4UdpExposesPortsAndNoTcpFlags() {
        parseOk(SampleFrames.ipv4Udp(CLIENT_PORT, DNS_PORT));

        assertEquals(FrameHeaders.PROTOCOL_UDP, headers.protocol());
        assertEquals(CLIENT_IP, headers.ipv4Source());
        assertEquals(SERVER_IP, headers.ipv4Destination());
        assertEquals(CLIENT_PORT, headers.sourcePort());
        assertEquals(DNS_PORT, headers.destinationPort());
        assertEquals(0, headers.tcpFlags());
        assertFalse(headers.isTcpSyn());
        assertEquals(IPV4_L4, headers.l4Offset());
        assertEquals(IPV4_L4 + 8, headers.payloadOffset());
    }

    @Test
    void singleVlanTagGivesIdPriorityAndShiftsTheIpHeader() {
        parseOk(SampleFrames.vlanIpv4Udp());

        assertEquals(1, headers.vlanCount());
        assertEquals(100, headers.vlanId());
        assertEquals(5, headers.vlanPriority());
        assertEquals(FrameHeaders.ETHERTYPE_IPV4, headers.etherType());
        assertEquals(IPV4_L3 + 4, headers.l3Offset());
        assertEquals(CLIENT_IP, headers.ipv4Source());
        assertEquals(CLIENT_PORT, headers.sourcePort());
        assertEquals(DNS_PORT, headers.destinationPort());
    }

    @Test
    void doubleVlanTagReportsTheOuterTag() {
        parseOk(SampleFrames.doubleVlanIpv4Tcp());

        assertEquals(2, headers.vlanCount());
        assertEquals(300, headers.vlanId());
        assertEquals(3, headers.vlanPriority());
        assertEquals(FrameHeaders.ETHERTYPE_IPV4, headers.etherType());
        assertEquals(IPV4_L3 + 8, headers.l3Offset());
        assertEquals(SERVER_IP, headers.ipv4Destination());
        assertEquals(HTTP_PORT, headers.destinationPort());
        assertEquals(FrameHeaders.TCP_ACK | FrameHeaders.TCP_PSH, headers.tcpFlags());
        assertFalse(headers.isTcpSyn());
    }

    @Test
    void ipv6TcpBehindHopByHopHeaderIsFound() {
        parseOk(SampleFrames.ipv6TcpWithHopByHop());

        assertEquals(FrameHeaders.ETHERTYPE_IPV6, headers.etherType());
        assertEquals(6, headers.ipVersion());
        assertEquals(FrameHeaders.PROTOCOL_TCP, headers.protocol());
        assertEquals(CLIENT_IP6[0], headers.ipv6Source(0));
        assertEquals(CLIENT_IP6[1], headers.ipv6Source(1));
        assertEquals(SERVER_IP6[0], headers.ipv6Destination(0));
        assertEquals(SERVER_IP6[1], headers.ipv6Destination(1));
        assertEquals(0, headers.ipv4Source());
        assertEquals(IPV6_AFTER_HEADER + 8, headers.l4Offset());
        assertEquals(IPV6_AFTER_HEADER + 8 + 20, headers.payloadOffset());
        assertEquals(CLIENT_PORT, headers.sourcePort());
        assertEquals(HTTP_PORT, headers.destinationPort());
        assertTrue(headers.isTcpSyn());
    }

    @Test
    void ipv6LaterFragmentHasNoPorts() {
        parseOk(SampleFrames.ipv6LaterFragment());

        assertEquals(6, headers.ipVersion());
        assertEquals(FrameHeaders.PROTOCOL_UDP, headers.protocol());
        assertEquals(ABSENT, headers.l4Offset());
        assertEquals(ABSENT, headers.sourcePort());
        assertEquals(ABSENT, headers.destinationPort());
        assertEquals(IPV6_AFTER_HEADER + 8, headers.payloadOffset());
        assertNotEquals(0, headers.flowHash());
    }

    @Test
    void ipv4LaterFragmentHasNoPortsAndExcludesPadding() {
        parseOk(SampleFrames.ipv4LaterFragment());

        assertEquals(4, headers.ipVersion());
        assertEquals(FrameHeaders.PROTOCOL_UDP, headers.protocol());
        assertEquals(ABSENT, headers.l4Offset());
        assertEquals(ABSENT, headers.sourcePort());
        assertEquals(ABSENT, headers.destinationPort());
        assertEquals(IPV4_L4, headers.payloadOffset());
        assertEquals(IPV4_L3 + 20 + 16, headers.l3End());
    }

    @Test
    void arpIsNonIpWithAMacBasedFlowHash() {
        parseOk(SampleFrames.arpRequest());

        assertEquals(FrameHeaders.ETHERTYPE_ARP, headers.etherType());
        assertEquals(0, headers.ipVersion());
        assertEquals(ABSENT, headers.protocol());
        assertEquals(ABSENT, headers.sourcePort());
        assertEquals(0, headers.ipv4Source());
        assertTrue(headers.isBroadcast());
        assertTrue(headers.isMulticast());
        assertEquals(CLIENT_MAC, headers.sourceMac());
        assertEquals(IPV4_L3, headers.payloadOffset());
        assertNotEquals(0, headers.flowHash());
    }

    @Test
    void parsingAFrameBufferReadsOnlyItsValidBytes() {
        byte[] frame = SampleFrames.ipv4TcpSyn();
        FrameBuffer buffer = FrameBuffer.unpooled(FrameBuffer.MAX_FRAME_BYTES);
        buffer.copyFrom(frame, 0, frame.length);

        assertEquals(FrameVerdict.OK, headers.parse(buffer));
        assertEquals(frame.length, headers.length());
        assertEquals(CLIENT_PORT, headers.sourcePort());
    }

    @Test
    void oneViewIsReusedWithoutLeftoversFromThePreviousFrame() {
        parseOk(SampleFrames.doubleVlanIpv4Tcp());
        parseOk(SampleFrames.arpRequest());

        assertEquals(0, headers.vlanCount());
        assertEquals(ABSENT, headers.vlanId());
        assertEquals(ABSENT, headers.l4Offset());
        assertEquals(0, headers.tcpFlags());
    }
}
