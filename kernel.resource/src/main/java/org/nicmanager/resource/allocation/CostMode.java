package org.nicmanager.resource.allocation;

/**
 * What one frame costs in consumption units ([0096]), the units virtual time and the per-interval bounds count: its
 * bytes on the wire, or one unit per frame.
 */
public enum CostMode {
    /** A frame costs its bytes on the wire ({@link WireBytes#of}): shares divide bandwidth. */
    BYTES,
    /** A frame costs one unit whatever its size: shares divide frames. */
    FRAMES;

    /** Consumption units of a frame of {@code wireBytes}. */
    public long units(int wireBytes) {
        return this == BYTES ? wireBytes : 1;
    }
}
