package org.nicmanager.lib.frames;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * Parses one frame's headers in place and is the {@link FrameHeaders} view of them: Ethernet, up to two VLAN tags,
 * IPv4 or IPv6 (with extension headers), and TCP or UDP ports.
 *
 * <p>{@link #parse(byte[], int)} checks the frame and records offsets; the accessors then read fields in place from the
 * same array. Nothing is copied and nothing is allocated, so one view can be reused for every frame by its owning
 * thread. {@code parse} never throws, whatever the bytes: every read is bounds-checked against the frame length first,
 * and a malformed frame is reported as a {@link FrameVerdict}.
 *
 * <p>The two MAC addresses and the 5-tuple {@link #flowHash()} are read once per parse, so that the MAC table, the
 * receive path and the load-distribution policies, which all ask for them, do not read the bytes again.
 */
public final class HeaderParser implements FrameHeaders {

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int VLAN_TAG_BYTES = 4;
    private static final int IPV4_MIN_HEADER_BYTES = 20;
    private static final int IPV6_HEADER_BYTES = 40;
    private static final int TCP_MIN_HEADER_BYTES = 20;
    private static final int UDP_HEADER_BYTES = 8;
    private static final int MAX_IPV6_EXTENSIONS = 8;

    private static final byte[] NO_DATA = new byte[0];
    /**
     * Fields wider than a byte are read with one load each, in network order, rather than byte by byte: the parser
     * runs once per frame on every path, and byte loads were most of its work. Bounds stay checked, by the length
     * tests before each read (against the frame) and by the view itself (against the array).
     */
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    private static final long MAC_BITS = 0xFFFF_FFFF_FFFFL;

    private byte[] data = NO_DATA;
    private int length;
    private FrameVerdict verdict = FrameVerdict.TRUNCATED_ETHERNET;
    private int vlanCount;
    private int outerTagOffset = ABSENT;
    private int etherType = ABSENT;
    private int l3Offset = ABSENT;
    private int l3End = ABSENT;
    private int ipVersion;
    private int protocol = ABSENT;
    private int l4Offset = ABSENT;
    private int payloadOffset = ABSENT;
    private long flowHash;
    private long destinationMac;
    private long sourceMac;

    /** Parses the frame held by {@code frame}. */
    public FrameVerdict parse(FrameBuffer frame) {
        return parse(frame.data(), frame.length());
    }

    /**
     * Parses {@code frameLength} bytes of {@code frameData} from offset 0. Never throws.
     *
     * @return {@link FrameVerdict#OK} or the first defect found
     */
    public FrameVerdict parse(byte[] frameData, int frameLength) {
        clear();
        if (frameData == null || frameLength < 0 || frameLength > frameData.length) {
            data = frameData == null ? NO_DATA : frameData;
            return verdict = FrameVerdict.BAD_BUFFER_LENGTH;
        }
        data = frameData;
        length = frameLength;
        return verdict = parseEthernet();
    }

    private void clear() {
        length = 0;
        vlanCount = 0;
        outerTagOffset = ABSENT;
        etherType = ABSENT;
        l3Offset = ABSENT;
        l3End = ABSENT;
        ipVersion = 0;
        protocol = ABSENT;
        l4Offset = ABSENT;
        payloadOffset = ABSENT;
        flowHash = 0;
        destinationMac = 0;
        sourceMac = 0;
    }

    private FrameVerdict parseEthernet() {
        if (length < ETHERNET_HEADER_BYTES) {
            return FrameVerdict.TRUNCATED_ETHERNET;
        }
        // Two 8-byte loads within the 14-byte header: bytes 0-7 hold the destination, bytes 4-11 end with the source.
        destinationMac = (long) LONG_BE.get(data, 0) >>> 16;
        sourceMac = (long) LONG_BE.get(data, 4) & MAC_BITS;
        int offset = 12;
        int type = u16(offset);
        while ((type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && vlanCount < 2) {
            if (length < offset + VLAN_TAG_BYTES + 2) {
                return FrameVerdict.TRUNCATED_VLAN;
            }
            if (vlanCount == 0) {
                outerTagOffset = offset;
            }
            vlanCount++;
            offset += VLAN_TAG_BYTES;
            type = u16(offset);
        }
        etherType = type;
        l3Offset = offset + 2;
        payloadOffset = l3Offset;
        if (type == ETHERTYPE_IPV4) {
            return parseIpv4();
        }
        if (type == ETHERTYPE_IPV6) {
            return parseIpv6();
        }
        l3End = length;
        flowHash = Hashing.mix(macHashInput());
        return FrameVerdict.OK;
    }

    private FrameVerdict parseIpv4() {
        int l3 = l3Offset;
        if (length < l3 + IPV4_MIN_HEADER_BYTES) {
            return FrameVerdict.TRUNCATED_IPV4;
        }
        int versionAndIhl = u8(l3);
        if ((versionAndIhl >>> 4) != 4) {
            return FrameVerdict.BAD_IPV4_VERSION;
        }
        int headerBytes = (versionAndIhl & 0x0F) * 4;
        if (headerBytes < IPV4_MIN_HEADER_BYTES) {
            return FrameVerdict.BAD_IHL;
        }
        if (length < l3 + headerBytes) {
            return FrameVerdict.TRUNCATED_IPV4_OPTIONS;
        }
        int totalLength = u16(l3 + 2);
        if (totalLength < headerBytes) {
            return FrameVerdict.IPV4_LENGTH_SHORTER_THAN_HEADER;
        }
        if (l3 + totalLength > length) {
            return FrameVerdict.IPV4_LENGTH_BEYOND_FRAME;
        }
        ipVersion = 4;
        l3End = l3 + totalLength;
        protocol = u8(l3 + 9);
        payloadOffset = l3 + headerBytes;
        // Only the first fragment carries the transport header.
        boolean laterFragment = (u16(l3 + 6) & 0x1FFF) != 0;
        FrameVerdict transport = laterFragment ? FrameVerdict.OK : parseTransport(l3 + headerBytes);
        flowHash = Hashing.mix(((long) ipv4Source() << 32 | (ipv4Destination() & 0xFFFFFFFFL))
                ^ ((long) protocol << 56) ^ portsHashInput());
        return transport;
    }

    private FrameVerdict parseIpv6() {
        int l3 = l3Offset;
        if (length < l3 + IPV6_HEADER_BYTES) {
            return FrameVerdict.TRUNCATED_IPV6;
        }
        if ((u8(l3) >>> 4) != 6) {
            return FrameVerdict.BAD_IPV6_VERSION;
        }
        int payloadLength = u16(l3 + 4);
        int end = l3 + IPV6_HEADER_BYTES + payloadLength;
        if (end > length) {
            return FrameVerdict.IPV6_LENGTH_BEYOND_FRAME;
        }
        ipVersion = 6;
        l3End = end;
        int next = u8(l3 + 6);
        int offset = l3 + IPV6_HEADER_BYTES;
        boolean laterFragment = false;
        for (int hops = 0; isIpv6Extension(next); hops++) {
            if (hops == MAX_IPV6_EXTENSIONS || offset + 8 > end) {
                return FrameVerdict.BAD_IPV6_EXTENSION;
            }
            int extensionBytes;
            if (next == 44) { // fragment header: fixed 8 bytes
                extensionBytes = 8;
                laterFragment = (u16(offset + 2) & 0xFFF8) != 0;
            } else if (next == 51) { // authentication header: length in 4-byte units, minus 2
                extensionBytes = (u8(offset + 1) + 2) * 4;
            } else {
                extensionBytes = (u8(offset + 1) + 1) * 8;
            }
            if (offset + extensionBytes > end) {
                return FrameVerdict.BAD_IPV6_EXTENSION;
            }
            next = u8(offset);
            offset += extensionBytes;
        }
        protocol = next;
        payloadOffset = offset;
        FrameVerdict transport = laterFragment ? FrameVerdict.OK : parseTransport(offset);
        long addresses = u64(l3 + 8) ^ u64(l3 + 16) * 31 ^ u64(l3 + 24) * 131 ^ u64(l3 + 32) * 1031;
        flowHash = Hashing.mix(addresses ^ ((long) protocol << 56) ^ portsHashInput());
        return transport;
    }

    private static boolean isIpv6Extension(int header) {
        return header == 0 || header == 43 || header == 44 || header == 51 || header == 60 || header == 135;
    }

    private FrameVerdict parseTransport(int offset) {
        if (protocol == PROTOCOL_TCP) {
            if (l3End < offset + TCP_MIN_HEADER_BYTES) {
                return FrameVerdict.TRUNCATED_TCP;
            }
            int headerBytes = (u8(offset + 12) >>> 4) * 4;
            if (headerBytes < TCP_MIN_HEADER_BYTES || offset + headerBytes > l3End) {
                return FrameVerdict.BAD_TCP_DATA_OFFSET;
            }
            l4Offset = offset;
            payloadOffset = offset + headerBytes;
        } else if (protocol == PROTOCOL_UDP) {
            if (l3End < offset + UDP_HEADER_BYTES) {
                return FrameVerdict.TRUNCATED_UDP;
            }
            int udpLength = u16(offset + 4);
            if (udpLength < UDP_HEADER_BYTES || offset + udpLength > l3End) {
                return FrameVerdict.BAD_UDP_LENGTH;
            }
            l4Offset = offset;
            payloadOffset = offset + UDP_HEADER_BYTES;
        }
        return FrameVerdict.OK;
    }

    // --- results -------------------------------------------------------------------------------------------------

    @Override
    public FrameVerdict verdict() {
        return verdict;
    }

    @Override
    public boolean valid() {
        return verdict == FrameVerdict.OK;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public long destinationMac() {
        return destinationMac;
    }

    @Override
    public long sourceMac() {
        return sourceMac;
    }

    @Override
    public boolean isBroadcast() {
        return destinationMac() == MacAddress.BROADCAST;
    }

    @Override
    public boolean isMulticast() {
        return length >= 1 && (data[0] & 1) != 0;
    }

    @Override
    public int etherType() {
        return etherType;
    }

    @Override
    public int vlanCount() {
        return vlanCount;
    }

    @Override
    public int vlanId() {
        return vlanCount == 0 ? ABSENT : u16(outerTagOffset + 2) & 0x0FFF;
    }

    @Override
    public int vlanPriority() {
        return vlanCount == 0 ? ABSENT : u8(outerTagOffset + 2) >>> 5;
    }

    @Override
    public int ipVersion() {
        return ipVersion;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public int ipv4Source() {
        return ipVersion == 4 ? u32(l3Offset + 12) : 0;
    }

    @Override
    public int ipv4Destination() {
        return ipVersion == 4 ? u32(l3Offset + 16) : 0;
    }

    @Override
    public long ipv6Source(int half) {
        return ipVersion == 6 ? u64(l3Offset + 8 + 8 * (half & 1)) : 0;
    }

    @Override
    public long ipv6Destination(int half) {
        return ipVersion == 6 ? u64(l3Offset + 24 + 8 * (half & 1)) : 0;
    }

    @Override
    public int sourcePort() {
        return l4Offset == ABSENT ? ABSENT : u16(l4Offset);
    }

    @Override
    public int destinationPort() {
        return l4Offset == ABSENT ? ABSENT : u16(l4Offset + 2);
    }

    @Override
    public int tcpFlags() {
        return protocol == PROTOCOL_TCP && l4Offset != ABSENT ? u8(l4Offset + 13) : 0;
    }

    @Override
    public boolean isTcpSyn() {
        return (tcpFlags() & (TCP_SYN | TCP_ACK)) == TCP_SYN;
    }

    @Override
    public int l3Offset() {
        return l3Offset;
    }

    @Override
    public int l4Offset() {
        return l4Offset;
    }

    @Override
    public int payloadOffset() {
        return payloadOffset;
    }

    @Override
    public int l3End() {
        return l3End;
    }

    @Override
    public long flowHash() {
        return flowHash;
    }

    // --- in-place reads ------------------------------------------------------------------------------------------

    private long portsHashInput() {
        return l4Offset == ABSENT ? 0 : (long) u32(l4Offset) * 0x9E3779B97F4A7C15L;
    }

    private long macHashInput() {
        return destinationMac * 0x9E3779B97F4A7C15L ^ sourceMac ^ ((long) etherType << 48);
    }

    private int u8(int offset) {
        return data[offset] & 0xFF;
    }

    private int u16(int offset) {
        return (short) SHORT_BE.get(data, offset) & 0xFFFF;
    }

    private int u32(int offset) {
        return (int) INT_BE.get(data, offset);
    }

    private long u64(int offset) {
        return (long) LONG_BE.get(data, offset);
    }
}
