package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.nicmanager.testsupport.FrameBuilder.truncated;
import static org.nicmanager.testsupport.FrameBuilder.with16;
import static org.nicmanager.testsupport.FrameBuilder.with8;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_IP6;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_MAC;
import static org.nicmanager.lib.frames.SampleFrames.IPV4_L3;
import static org.nicmanager.lib.frames.SampleFrames.IPV4_L4;
import static org.nicmanager.lib.frames.SampleFrames.IPV6_AFTER_HEADER;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_IP6;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_MAC;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.testsupport.FrameBuilder;

/** Every defect {@link FrameVerdict} names, produced by a frame that has exactly that defect. */
class HeaderParserMalformedTest {

    /** A frame (or an impossible buffer) and the verdict it must get. */
    record Case(String name, byte[] frame, int length, FrameVerdict expected) {

        static Case of(String name, byte[] frame, FrameVerdict expected) {
            return new Case(name, frame, frame.length, expected);
        }

        @Override
        public String toString() {
            return expected + ": " + name;
        }
    }

    /** Offsets of IPv4 fields in an untagged frame. */
    private static final int IPV4_VERSION_IHL = IPV4_L3;
    private static final int IPV4_TOTAL_LENGTH = IPV4_L3 + 2;
    private static final int TCP_DATA_OFFSET = IPV4_L4 + 12;
    private static final int UDP_LENGTH = IPV4_L4 + 4;
    /** Offsets of IPv6 fields in an untagged frame. */
    private static final int IPV6_VERSION = IPV4_L3;
    private static final int IPV6_PAYLOAD_LENGTH = IPV4_L3 + 4;

    static List<Case> cases() {
        byte[] tcp4 = SampleFrames.ipv4TcpSyn(); // IPv4 total length 50, TCP header 20 + payload 10
        byte[] udp4 = SampleFrames.ipv4Udp(SampleFrames.CLIENT_PORT, SampleFrames.DNS_PORT); // UDP length 30
        byte[] tcp6 = SampleFrames.ipv6TcpWithHopByHop(); // IPv6 payload length 36
        return List.of(
                new Case("null array", null, 0, FrameVerdict.BAD_BUFFER_LENGTH),
                new Case("negative length", tcp4, -1, FrameVerdict.BAD_BUFFER_LENGTH),
                new Case("length beyond the array", tcp4, tcp4.length + 1, FrameVerdict.BAD_BUFFER_LENGTH),

                Case.of("empty frame", new byte[0], FrameVerdict.TRUNCATED_ETHERNET),
                Case.of("13 bytes", truncated(tcp4, 13), FrameVerdict.TRUNCATED_ETHERNET),

                Case.of("tag without inner EtherType",
                        FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).vlan(FrameHeaders.ETHERTYPE_VLAN, 0, 7).build(),
                        FrameVerdict.TRUNCATED_VLAN),
                Case.of("second tag cut short", FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC)
                        .vlan(FrameHeaders.ETHERTYPE_QINQ, 0, 7).u16(FrameHeaders.ETHERTYPE_VLAN).u8(0).build(),
                        FrameVerdict.TRUNCATED_VLAN),

                Case.of("19 bytes of IPv4 header", truncated(tcp4, IPV4_L3 + 19), FrameVerdict.TRUNCATED_IPV4),
                Case.of("version 6 in an IPv4 EtherType", with8(tcp4, IPV4_VERSION_IHL, 0x65),
                        FrameVerdict.BAD_IPV4_VERSION),
                Case.of("IHL 4", with8(tcp4, IPV4_VERSION_IHL, 0x44), FrameVerdict.BAD_IHL),
                Case.of("IHL 15 in a 50-byte packet", with8(tcp4, IPV4_VERSION_IHL, 0x4F),
                        FrameVerdict.TRUNCATED_IPV4_OPTIONS),
                Case.of("total length 19", with16(tcp4, IPV4_TOTAL_LENGTH, 19),
                        FrameVerdict.IPV4_LENGTH_SHORTER_THAN_HEADER),
                Case.of("total length 51 in 50 bytes", with16(tcp4, IPV4_TOTAL_LENGTH, 51),
                        FrameVerdict.IPV4_LENGTH_BEYOND_FRAME),

                Case.of("39 bytes of IPv6 header", truncated(tcp6, IPV6_AFTER_HEADER - 1),
                        FrameVerdict.TRUNCATED_IPV6),
                Case.of("version 4 in an IPv6 EtherType", with8(tcp6, IPV6_VERSION, 0x46),
                        FrameVerdict.BAD_IPV6_VERSION),
                Case.of("payload length 37 in 36 bytes", with16(tcp6, IPV6_PAYLOAD_LENGTH, 37),
                        FrameVerdict.IPV6_LENGTH_BEYOND_FRAME),
                Case.of("hop-by-hop header claiming 2 KiB", with8(tcp6, IPV6_AFTER_HEADER + 1, 0xFF),
                        FrameVerdict.BAD_IPV6_EXTENSION),
                Case.of("hop-by-hop header cut by the payload length", with16(tcp6, IPV6_PAYLOAD_LENGTH, 4),
                        FrameVerdict.BAD_IPV6_EXTENSION),
                Case.of("nine extension headers", ipv6WithHopByHopChain(9), FrameVerdict.BAD_IPV6_EXTENSION),

                Case.of("19 bytes of TCP header", with16(tcp4, IPV4_TOTAL_LENGTH, 20 + 19),
                        FrameVerdict.TRUNCATED_TCP),
                Case.of("TCP over IPv6 cut short", with16(tcp6, IPV6_PAYLOAD_LENGTH, 8 + 19),
                        FrameVerdict.TRUNCATED_TCP),
                Case.of("TCP data offset 4", with8(tcp4, TCP_DATA_OFFSET, 4 << 4), FrameVerdict.BAD_TCP_DATA_OFFSET),
                Case.of("TCP data offset 15 in 30 bytes", with8(tcp4, TCP_DATA_OFFSET, 15 << 4),
                        FrameVerdict.BAD_TCP_DATA_OFFSET),

                Case.of("7 bytes of UDP header", with16(udp4, IPV4_TOTAL_LENGTH, 20 + 7), FrameVerdict.TRUNCATED_UDP),
                Case.of("UDP length 7", with16(udp4, UDP_LENGTH, 7), FrameVerdict.BAD_UDP_LENGTH),
                Case.of("UDP length 31 in 30 bytes", with16(udp4, UDP_LENGTH, 31), FrameVerdict.BAD_UDP_LENGTH));
    }

    /** IPv6 whose chain holds {@code hops} hop-by-hop headers before a UDP header. */
    private static byte[] ipv6WithHopByHopChain(int hops) {
        FrameBuilder frame = FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(FrameHeaders.ETHERTYPE_IPV6)
                .ipv6(FrameBuilder.IPV6_HOP_BY_HOP, hops * 8 + 8, CLIENT_IP6, SERVER_IP6);
        for (int i = 1; i <= hops; i++) {
            frame.hopByHop(i < hops ? FrameBuilder.IPV6_HOP_BY_HOP : FrameHeaders.PROTOCOL_UDP);
        }
        return frame.udp(1, 2, 8).build();
    }

    private final HeaderParser headers = new HeaderParser();

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedFrameGetsItsVerdict(Case malformed) {
        assertEquals(malformed.expected(), headers.parse(malformed.frame(), malformed.length()));
        assertEquals(malformed.expected(), headers.verdict());
        assertFalse(headers.valid());
    }

    @Test
    void everyDefectVerdictHasACase() {
        Set<FrameVerdict> covered = cases().stream().map(Case::expected).collect(Collectors.toSet());

        assertEquals(EnumSet.complementOf(EnumSet.of(FrameVerdict.OK)), EnumSet.copyOf(covered));
    }

    @Test
    void eightExtensionHeadersAreStillAccepted() {
        byte[] frame = ipv6WithHopByHopChain(8);

        assertEquals(FrameVerdict.OK, headers.parse(frame, frame.length));
        assertEquals(FrameHeaders.PROTOCOL_UDP, headers.protocol());
        assertEquals(1, headers.sourcePort());
    }

    @Test
    void aBadBufferLeavesNothingReadable() {
        headers.parse(SampleFrames.ipv4TcpSyn(), 64);

        assertEquals(FrameVerdict.BAD_BUFFER_LENGTH, headers.parse(null, 10));
        assertEquals(0, headers.length());
        assertEquals(0, headers.destinationMac());
        assertEquals(0, headers.ipv4Source());
        assertEquals(FrameHeaders.ABSENT, headers.sourcePort());
        assertEquals(0, headers.flowHash());
    }
}
