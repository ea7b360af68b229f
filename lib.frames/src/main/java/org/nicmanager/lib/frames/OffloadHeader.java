package org.nicmanager.lib.frames;

import java.nio.ByteBuffer;

import org.nicmanager.kernel.api.frame.FrameOffload;

/**
 * The 10-byte {@code struct virtio_net_hdr} that Linux puts before each frame on a TAP device opened with
 * {@code IFF_VNET_HDR}, and on a packet socket with {@code PACKET_VNET_HDR}: flags, segmentation type, header length,
 * segment size, checksum start and offset, little-endian. Read into and written from a frame's {@link FrameOffload}.
 * No allocation.
 */
public final class OffloadHeader {

    public static final int BYTES = 10;
    /** {@code VIRTIO_NET_HDR_F_NEEDS_CSUM}: complete the checksum at csum_start + csum_offset. */
    static final int NEEDS_CHECKSUM = 1;

    private OffloadHeader() {
    }

    /**
     * Reads the header at {@code at} of {@code bytes} (absolute gets) into {@code offload} and checks it against the
     * frame's {@code frameBytes}. Answers false, leaving {@code offload} cleared, for a header that no kernel writes:
     * an unknown segmentation type, a segment size of 0, a checksum outside the frame.
     */
    public static boolean read(ByteBuffer bytes, int at, int frameBytes, FrameOffload offload) {
        offload.clear();
        int flags = bytes.get(at) & 0xff;
        int segmentation = bytes.get(at + 1) & 0xff;
        int headerBytes = littleEndianShort(bytes, at + 2);
        int segmentBytes = littleEndianShort(bytes, at + 4);
        int checksumStart = littleEndianShort(bytes, at + 6);
        int checksumOffset = littleEndianShort(bytes, at + 8);
        if ((flags & NEEDS_CHECKSUM) != 0) {
            if (checksumStart + checksumOffset + 2 > frameBytes) {
                return false;
            }
            offload.setChecksum(checksumStart, checksumOffset);
        }
        int type = segmentation & ~FrameOffload.ECN;
        if (type != FrameOffload.NO_SEGMENTATION) {
            boolean known = type == FrameOffload.TCPV4 || type == FrameOffload.TCPV6 || type == FrameOffload.UDP;
            if (!known || segmentBytes == 0 || headerBytes > frameBytes) {
                offload.clear();
                return false;
            }
            offload.setSegmentation(segmentation, segmentBytes, headerBytes);
        }
        return true;
    }

    /** Writes {@code offload} as a header at {@code at} of {@code bytes} (absolute puts). */
    public static void write(FrameOffload offload, ByteBuffer bytes, int at) {
        bytes.put(at, (byte) (offload.checksumPending() ? NEEDS_CHECKSUM : 0));
        bytes.put(at + 1, (byte) offload.segmentation());
        putLittleEndianShort(bytes, at + 2, offload.headerBytes());
        putLittleEndianShort(bytes, at + 4, offload.segmentBytes());
        putLittleEndianShort(bytes, at + 6, offload.checksumStartBytes());
        putLittleEndianShort(bytes, at + 8, offload.checksumOffsetBytes());
    }

    private static int littleEndianShort(ByteBuffer bytes, int at) {
        return (bytes.get(at) & 0xff) | (bytes.get(at + 1) & 0xff) << 8;
    }

    private static void putLittleEndianShort(ByteBuffer bytes, int at, int value) {
        bytes.put(at, (byte) value);
        bytes.put(at + 1, (byte) (value >>> 8));
    }

}
