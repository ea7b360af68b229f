package org.nicmanager.drivers.linux.nativeio;

/**
 * The shape of one TPACKET_V2 ring ({@code struct tpacket_req}): blocks of whole pages, each holding whole frames of a
 * power-of-two size, so that frame {@code i} starts at {@code i * frameBytes} and a slot is found with a mask.
 *
 * @param frameBytes one frame slot: the 32-byte header, the kernel's padding and the largest frame the MTU allows
 * @param blockBytes one block, a multiple of the page size and of {@code frameBytes}
 */
public record RingGeometry(int frameBytes, int blockBytes, int blocks) {

    /** Room for the header and the kernel's alignment before the data ({@code tp_mac} is 66 with no vnet header). */
    private static final int HEADROOM_BYTES = 128;
    /** Ethernet header and two VLAN tags on top of the MTU. */
    private static final int FRAME_OVERHEAD_BYTES = 14 + 8;
    private static final int MIN_FRAME_BYTES = 2048;
    private static final int BLOCK_BYTES = 64 * 1024;
    /** Memory a ring may use: the frame count shrinks for jumbo MTUs. */
    private static final int MAX_RING_BYTES = 4 * 1024 * 1024;

    /** A ring of about {@code wantedFrames} (a power of two) for frames up to {@code mtuBytes} of payload. */
    public static RingGeometry forMtu(int mtuBytes, int wantedFrames) {
        int frameBytes = Integer.highestOneBit(Math.max(MIN_FRAME_BYTES, HEADROOM_BYTES + mtuBytes
                + FRAME_OVERHEAD_BYTES) * 2 - 1);
        int blockBytes = Math.max(BLOCK_BYTES, frameBytes);
        int frames = Math.max(blockBytes / frameBytes, Math.min(wantedFrames, MAX_RING_BYTES / frameBytes));
        return new RingGeometry(frameBytes, blockBytes, Math.max(1, frames * frameBytes / blockBytes));
    }

    public int framesPerBlock() {
        return blockBytes / frameBytes;
    }

    /** Frames in the ring, a power of two. */
    public int frames() {
        return framesPerBlock() * blocks;
    }

    public int totalBytes() {
        return blockBytes * blocks;
    }

    /** The largest frame a slot holds when data starts at {@code dataOffset}. */
    public int maxFrameBytes(int dataOffset) {
        return frameBytes - dataOffset;
    }
}
