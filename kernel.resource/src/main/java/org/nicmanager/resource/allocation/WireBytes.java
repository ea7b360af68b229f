package org.nicmanager.resource.allocation;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.LineRate;

/**
 * What a frame occupies on the wire: the kernel's frame (no FCS) plus the 4-byte FCS, padding up to the 64-byte
 * minimum, and 20 bytes of preamble, start delimiter and inter-frame gap. Every rate the resource manager enforces or
 * reports counts these bits, the same bits a member's line rate counts, so reservations can be compared with capacity.
 */
public final class WireBytes {

    public static final int FCS_BYTES = LineRate.FCS_BYTES;
    public static final int PREAMBLE_AND_GAP_BYTES = LineRate.PREAMBLE_AND_GAP_BYTES;
    /** One maximum frame: a {@value FrameBuffer#MAX_FRAME_BYTES}-byte jumbo frame on the wire (9046 bytes). */
    public static final int MAX_FRAME_WIRE_BYTES = of(FrameBuffer.MAX_FRAME_BYTES);
    public static final long MAX_FRAME_WIRE_BITS = MAX_FRAME_WIRE_BYTES * (long) Byte.SIZE;

    private WireBytes() {
    }

    /** Wire bytes of a frame of {@code lengthBytes} (as {@link FrameBuffer#length()} counts it). */
    public static int of(int lengthBytes) {
        return (int) LineRate.wireBytes(lengthBytes); // the bits a member's line rate counts, counted the same way
    }
}
