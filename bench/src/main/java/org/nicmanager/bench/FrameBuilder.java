package org.nicmanager.bench;

import java.util.Arrays;

/** Writes benchmark frames header by header, in network byte order. */
final class FrameBuilder {

    private byte[] bytes = new byte[128];
    private int size;

    static FrameBuilder ethernet(long destinationMac, long sourceMac) {
        return new FrameBuilder().u48(destinationMac).u48(sourceMac);
    }

    FrameBuilder vlan(int tagProtocol, int priority, int vlanId) {
        return u16(tagProtocol).u16(priority << 13 | vlanId);
    }

    FrameBuilder etherType(int etherType) {
        return u16(etherType);
    }

    /** A 20-byte IPv4 header without options, not fragmented. */
    FrameBuilder ipv4(int protocol, int source, int destination, int totalLength) {
        return u8(0x45).u8(0).u16(totalLength).u16(1).u16(0x4000)
                .u8(64).u8(protocol).u16(0).u32(source).u32(destination);
    }

    FrameBuilder ipv6(int nextHeader, int payloadLength, long sourceHigh, long sourceLow, long destinationHigh,
            long destinationLow) {
        return u32(6 << 28).u16(payloadLength).u8(nextHeader).u8(64)
                .u64(sourceHigh).u64(sourceLow).u64(destinationHigh).u64(destinationLow);
    }

    /** A 20-byte TCP header without options. */
    FrameBuilder tcp(int sourcePort, int destinationPort, int flags) {
        return u16(sourcePort).u16(destinationPort).u32(1).u32(0).u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
    }

    FrameBuilder udp(int sourcePort, int destinationPort, int udpLength) {
        return u16(sourcePort).u16(destinationPort).u16(udpLength).u16(0);
    }

    FrameBuilder payload(int count) {
        for (int i = 0; i < count; i++) {
            u8(i);
        }
        return this;
    }

    byte[] build() {
        return Arrays.copyOf(bytes, size);
    }

    private FrameBuilder u8(int value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) value;
        return this;
    }

    private FrameBuilder u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    private FrameBuilder u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    private FrameBuilder u48(long value) {
        return u16((int) (value >>> 32)).u32((int) value);
    }

    private FrameBuilder u64(long value) {
        return u32((int) (value >>> 32)).u32((int) value);
    }
}
