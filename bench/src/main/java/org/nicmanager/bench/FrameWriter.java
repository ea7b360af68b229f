package org.nicmanager.bench;

import java.util.Arrays;

/** Writes benchmark frames header by header, in network byte order. */
final class FrameWriter {

    private byte[] bytes = new byte[128];
    private int size;

    static FrameWriter ethernet(long destinationMac, long sourceMac) {
        return new FrameWriter().u48(destinationMac).u48(sourceMac);
    }

    FrameWriter vlan(int tagProtocol, int priority, int vlanId) {
        return u16(tagProtocol).u16(priority << 13 | vlanId);
    }

    FrameWriter etherType(int etherType) {
        return u16(etherType);
    }

    /** A 20-byte IPv4 header without options, not fragmented. */
    FrameWriter ipv4(int protocol, int source, int destination, int totalLength) {
        return u8(0x45).u8(0).u16(totalLength).u16(1).u16(0x4000)
                .u8(64).u8(protocol).u16(0).u32(source).u32(destination);
    }

    FrameWriter ipv6(int nextHeader, int payloadLength, long sourceHigh, long sourceLow, long destinationHigh,
            long destinationLow) {
        return u32(6 << 28).u16(payloadLength).u8(nextHeader).u8(64)
                .u64(sourceHigh).u64(sourceLow).u64(destinationHigh).u64(destinationLow);
    }

    /** A 20-byte TCP header without options. */
    FrameWriter tcp(int sourcePort, int destinationPort, int flags) {
        return u16(sourcePort).u16(destinationPort).u32(1).u32(0).u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
    }

    FrameWriter udp(int sourcePort, int destinationPort, int udpLength) {
        return u16(sourcePort).u16(destinationPort).u16(udpLength).u16(0);
    }

    FrameWriter payload(int count) {
        for (int i = 0; i < count; i++) {
            u8(i);
        }
        return this;
    }

    byte[] build() {
        return Arrays.copyOf(bytes, size);
    }

    private FrameWriter u8(int value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) value;
        return this;
    }

    private FrameWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    private FrameWriter u32(int value) {
        return u16(value >>> 16).u16(value);
    }

    private FrameWriter u48(long value) {
        return u16((int) (value >>> 32)).u32((int) value);
    }

    private FrameWriter u64(long value) {
        return u32((int) (value >>> 32)).u32((int) value);
    }
}
