package org.nicmanager.testsupport;

import java.util.Arrays;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * Test helper: writes a frame byte by byte, header after header, in network byte order (Ethernet, VLAN tags, IPv4,
 * IPv6 and its extension headers, TCP, UDP, ARP). Length fields are given explicitly, so a test can write a wrong one
 * on purpose. Not for the frame path: it allocates as it grows.
 */
public final class FrameBuilder {

    public static final int ETHERNET_HEADER_BYTES = 14;
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int IPV6_HEADER_BYTES = 40;
    public static final int TCP_HEADER_BYTES = 20;
    public static final int UDP_HEADER_BYTES = 8;
    public static final int ARP_BYTES = 28;
    /** The shortest frame on the wire without its FCS: 64 bytes minus 4. */
    public static final int MIN_FRAME_BYTES = 60;

    /** IPv4's flags and fragment-offset field of a datagram that must not be fragmented. */
    public static final int DONT_FRAGMENT = 0x4000;

    public static final int IPV6_HOP_BY_HOP = 0;
    public static final int IPV6_FRAGMENT = 44;

    private byte[] bytes = new byte[128];
    private int size;

    /** Destination and source MAC; continue with {@link #vlan} tags or the {@link #etherType}. */
    public static FrameBuilder ethernet(long destinationMac, long sourceMac) {
        return new FrameBuilder().u48(destinationMac).u48(sourceMac);
    }

    /**
     * A whole UDP datagram over IPv4 of {@code frameBytes}: Ethernet, IPv4 and UDP headers with their lengths filled
     * in, then zero bytes.
     */
    public static FrameBuilder udpFrame(long destinationMac, long sourceMac, int sourceIp, int destinationIp,
            int sourcePort, int destinationPort, int frameBytes) {
        int headers = ETHERNET_HEADER_BYTES + IPV4_HEADER_BYTES + UDP_HEADER_BYTES;
        if (frameBytes < headers) {
            throw new IllegalArgumentException("a UDP frame of " + frameBytes + " bytes cannot hold its " + headers
                    + " bytes of headers: give " + headers + " or more");
        }
        int ipBytes = frameBytes - ETHERNET_HEADER_BYTES;
        return ethernet(destinationMac, sourceMac).etherType(FrameHeaders.ETHERTYPE_IPV4)
                .ipv4(FrameHeaders.PROTOCOL_UDP, sourceIp, destinationIp, ipBytes)
                .udp(sourcePort, destinationPort, ipBytes - IPV4_HEADER_BYTES)
                .padTo(frameBytes);
    }

    /** A TCP segment over IPv4 with these {@code flags} (a SYN, say) and no payload, padded to the minimum frame. */
    public static FrameBuilder tcpSegment(long destinationMac, long sourceMac, int sourceIp, int destinationIp,
            int sourcePort, int destinationPort, int flags) {
        return ethernet(destinationMac, sourceMac).etherType(FrameHeaders.ETHERTYPE_IPV4)
                .ipv4(FrameHeaders.PROTOCOL_TCP, sourceIp, destinationIp, IPV4_HEADER_BYTES + TCP_HEADER_BYTES)
                .tcp(sourcePort, destinationPort, flags)
                .padTo(MIN_FRAME_BYTES);
    }

    /** A gratuitous ARP: a broadcast request for the sender's own address, padded to the minimum frame. */
    public static FrameBuilder gratuitousArp(long mac, int ip) {
        return ethernet(MacAddress.BROADCAST, mac).etherType(FrameHeaders.ETHERTYPE_ARP)
                .arpRequest(mac, ip, ip)
                .padTo(MIN_FRAME_BYTES);
    }

    public FrameBuilder vlan(int tagProtocol, int priority, int vlanId) {
        return u16(tagProtocol).u16(priority << 13 | vlanId);
    }

    public FrameBuilder etherType(int etherType) {
        return u16(etherType);
    }

    /** A 20-byte IPv4 header without options, identification 0x1234, TTL 64, checksum 0. */
    public FrameBuilder ipv4(int protocol, int source, int destination, int totalLength) {
        return ipv4(protocol, source, destination, totalLength, DONT_FRAGMENT);
    }

    /** As {@link #ipv4(int, int, int, int)}; {@code fragment} is the flags and fragment-offset field. */
    public FrameBuilder ipv4(int protocol, int source, int destination, int totalLength, int fragment) {
        return u8(0x45).u8(0).u16(totalLength).u16(0x1234).u16(fragment)
                .u8(64).u8(protocol).u16(0).u32(source).u32(destination);
    }

    public FrameBuilder ipv6(int nextHeader, int payloadLength, long[] source, long[] destination) {
        return u32(6 << 28 | 0x12345).u16(payloadLength).u8(nextHeader).u8(64)
                .u64(source[0]).u64(source[1]).u64(destination[0]).u64(destination[1]);
    }

    /** An 8-byte hop-by-hop options header holding one PadN option. */
    public FrameBuilder hopByHop(int nextHeader) {
        return u8(nextHeader).u8(0).u8(1).u8(4).u32(0);
    }

    /** An IPv6 fragment header; {@code offsetUnits} counts 8-byte units. */
    public FrameBuilder ipv6Fragment(int nextHeader, int offsetUnits, boolean moreFragments) {
        return u8(nextHeader).u8(0).u16(offsetUnits << 3 | (moreFragments ? 1 : 0)).u32(0xCAFE);
    }

    /** A 20-byte TCP header without options. */
    public FrameBuilder tcp(int sourcePort, int destinationPort, int flags) {
        return u16(sourcePort).u16(destinationPort).u32(1000).u32(0)
                .u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
    }

    public FrameBuilder udp(int sourcePort, int destinationPort, int udpLength) {
        return u16(sourcePort).u16(destinationPort).u16(udpLength).u16(0);
    }

    /** An ARP request over Ethernet/IPv4 (28 bytes). */
    public FrameBuilder arpRequest(long senderMac, int senderIp, int targetIp) {
        return u16(1).u16(FrameHeaders.ETHERTYPE_IPV4).u8(6).u8(4).u16(1)
                .u48(senderMac).u32(senderIp).u48(0).u32(targetIp);
    }

    /** {@code count} bytes of a recognisable pattern. */
    public FrameBuilder payload(int count) {
        for (int i = 0; i < count; i++) {
            u8(0xA0 + i);
        }
        return this;
    }

    /** Zero bytes up to {@code frameBytes}, as Ethernet padding. */
    public FrameBuilder padTo(int frameBytes) {
        while (size < frameBytes) {
            u8(0);
        }
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] build() {
        return Arrays.copyOf(bytes, size);
    }

    /** The frame so far in an unpooled buffer of its own, as a driver would hand it over. */
    public FrameBuffer buildBuffer() {
        FrameBuffer frame = FrameBuffer.unpooled(Math.max(size, 64));
        frame.copyFrom(bytes, 0, size);
        return frame;
    }

    public FrameBuilder u8(int value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) value;
        return this;
    }

    public FrameBuilder u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    public FrameBuilder u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    public FrameBuilder u48(long value) {
        return u16((int) (value >>> 32)).u32((int) value);
    }

    public FrameBuilder u64(long value) {
        return u32((int) (value >>> 32)).u32((int) value);
    }

    /** A copy of {@code frame} with one byte replaced. */
    public static byte[] with8(byte[] frame, int offset, int value) {
        byte[] copy = frame.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    /** A copy of {@code frame} with a 16-bit big-endian field replaced. */
    public static byte[] with16(byte[] frame, int offset, int value) {
        byte[] copy = frame.clone();
        copy[offset] = (byte) (value >>> 8);
        copy[offset + 1] = (byte) value;
        return copy;
    }

    /** The first {@code length} bytes of {@code frame}. */
    public static byte[] truncated(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }
}
