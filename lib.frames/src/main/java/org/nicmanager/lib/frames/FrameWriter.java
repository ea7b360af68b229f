package org.nicmanager.lib.frames;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes headers in place into a frame buffer's array: the mirror of {@link FrameHeaders}, for traffic generators,
 * gratuitous ARP and test frames. Methods take the offset to write at and return the offset just after what they
 * wrote. Nothing is allocated. Lengths and checksums are the caller's to state: a generator can build malformed frames
 * on purpose.
 */
@ProviderType
public final class FrameWriter {

    public static final int ETHERNET_HEADER_BYTES = 14;
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int UDP_HEADER_BYTES = 8;
    public static final int TCP_HEADER_BYTES = 20;
    public static final int ARP_BYTES = 28;
    /** The shortest frame on the wire without FCS: 64 bytes minus the 4-byte FCS. */
    public static final int MIN_FRAME_BYTES = 60;

    private FrameWriter() {
    }

    /** Destination MAC, source MAC, EtherType. */
    public static int ethernet(byte[] data, long destinationMac, long sourceMac, int etherType) {
        put48(data, 0, destinationMac);
        put48(data, 6, sourceMac);
        put16(data, 12, etherType);
        return ETHERNET_HEADER_BYTES;
    }

    /** An IPv4 header without options, with its checksum; {@code totalLength} covers header and payload. */
    public static int ipv4(byte[] data, int offset, int source, int destination, int protocol, int totalLength) {
        data[offset] = 0x45;
        data[offset + 1] = 0;
        put16(data, offset + 2, totalLength);
        put16(data, offset + 4, 0); // identification
        put16(data, offset + 6, 0x4000); // don't fragment
        data[offset + 8] = 64; // TTL
        data[offset + 9] = (byte) protocol;
        put16(data, offset + 10, 0);
        put32(data, offset + 12, source);
        put32(data, offset + 16, destination);
        put16(data, offset + 10, ipv4Checksum(data, offset));
        return offset + IPV4_HEADER_BYTES;
    }

    /** A UDP header; {@code length} covers header and payload. The checksum is left 0 (allowed for IPv4). */
    public static int udp(byte[] data, int offset, int sourcePort, int destinationPort, int length) {
        put16(data, offset, sourcePort);
        put16(data, offset + 2, destinationPort);
        put16(data, offset + 4, length);
        put16(data, offset + 6, 0);
        return offset + UDP_HEADER_BYTES;
    }

    /** A TCP header without options (data offset 5 words); the checksum is left 0. */
    public static int tcp(byte[] data, int offset, int sourcePort, int destinationPort, long sequence,
            long acknowledgement, int flags, int window) {
        put16(data, offset, sourcePort);
        put16(data, offset + 2, destinationPort);
        put32(data, offset + 4, (int) sequence);
        put32(data, offset + 8, (int) acknowledgement);
        data[offset + 12] = 0x50;
        data[offset + 13] = (byte) flags;
        put16(data, offset + 14, window);
        put16(data, offset + 16, 0);
        put16(data, offset + 18, 0);
        return offset + TCP_HEADER_BYTES;
    }

    /**
     * A whole UDP/IPv4 frame of {@code frameBytes} (at least 42 + {@link FlowStamp#BYTES}), stamped with a flow and a
     * sequence number; the rest of the payload is zero. Returns the frame length.
     */
    public static int udpFrame(byte[] data, int frameBytes, long destinationMac, long sourceMac, int sourceIp,
            int destinationIp, int sourcePort, int destinationPort, int flowId, long sequence) {
        int headers = ETHERNET_HEADER_BYTES + IPV4_HEADER_BYTES + UDP_HEADER_BYTES;
        if (frameBytes < headers + FlowStamp.BYTES || frameBytes > data.length) {
            throw new IllegalArgumentException("a stamped UDP frame needs " + (headers + FlowStamp.BYTES) + ".."
                    + data.length + " bytes, not " + frameBytes);
        }
        int offset = ethernet(data, destinationMac, sourceMac, FrameHeaders.ETHERTYPE_IPV4);
        offset = ipv4(data, offset, sourceIp, destinationIp, FrameHeaders.PROTOCOL_UDP,
                frameBytes - ETHERNET_HEADER_BYTES);
        offset = udp(data, offset, sourcePort, destinationPort, frameBytes - ETHERNET_HEADER_BYTES - IPV4_HEADER_BYTES);
        FlowStamp.write(data, offset, flowId, sequence);
        java.util.Arrays.fill(data, offset + FlowStamp.BYTES, frameBytes, (byte) 0);
        return frameBytes;
    }

    /**
     * A gratuitous ARP request from {@code mac} for {@code ip} to broadcast, padded to the minimum frame: what a host
     * sends so that switches relearn where a MAC lives. Returns the frame length.
     */
    public static int gratuitousArp(byte[] data, long mac, int ip) {
        return arp(data, MacAddress.BROADCAST, Arp.REQUEST, mac, ip, 0, ip);
    }

    /**
     * An ARP packet for IPv4 over Ethernet (RFC 826) from {@code senderMac}, to {@code destinationMac}, padded to the
     * minimum frame. Returns the frame length.
     *
     * @param operation {@link Arp#REQUEST} or {@link Arp#REPLY}
     */
    public static int arp(byte[] data, long destinationMac, int operation, long senderMac, int senderIp,
            long targetMac, int targetIp) {
        int offset = ethernet(data, destinationMac, senderMac, FrameHeaders.ETHERTYPE_ARP);
        put16(data, offset, 1); // Ethernet
        put16(data, offset + 2, FrameHeaders.ETHERTYPE_IPV4);
        data[offset + 4] = 6;
        data[offset + 5] = 4;
        put16(data, offset + 6, operation);
        put48(data, offset + 8, senderMac);
        put32(data, offset + 14, senderIp);
        put48(data, offset + 18, targetMac);
        put32(data, offset + 24, targetIp);
        java.util.Arrays.fill(data, offset + ARP_BYTES, MIN_FRAME_BYTES, (byte) 0);
        return MIN_FRAME_BYTES;
    }

    /** The one's-complement checksum of the 20-byte IPv4 header at {@code offset} (checksum field included). */
    public static int ipv4Checksum(byte[] data, int offset) {
        int sum = 0;
        for (int i = 0; i < IPV4_HEADER_BYTES; i += 2) {
            sum += (data[offset + i] & 0xFF) << 8 | (data[offset + i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    static void put16(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 8);
        data[offset + 1] = (byte) value;
    }

    static void put32(byte[] data, int offset, int value) {
        put16(data, offset, value >>> 16);
        put16(data, offset + 2, value);
    }

    static void put48(byte[] data, int offset, long value) {
        put16(data, offset, (int) (value >>> 32));
        put32(data, offset + 2, (int) value);
    }
}
