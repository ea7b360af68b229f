package org.nicmanager.kernel.api.frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a real guest's network stack left for the hardware to finish in one frame, as Linux describes it to a TAP
 * device or a packet socket ({@code struct virtio_net_hdr}): a checksum still to be completed, and a TCP or UDP
 * "super-frame" of many segments still to be cut (segmentation offload). Carrying this with the frame lets a 64 KB
 * segment travel through the kernel as one frame and be cut only by the device that sends it, which is what makes
 * TCP fast on a virtual switch (issue 15).
 *
 * <p>One per {@link FrameBuffer}, cleared when the buffer is reissued; frames from the simulation always have none.
 * Where a frame goes that cannot take this metadata (a simulated NIC or guest, a datagram back end), it is settled
 * first: the checksum is completed in software; a super-frame is cut into its segments in software for a guest, and
 * refused by a NIC that cannot cut it.
 * Values are those of {@code virtio_net_hdr}, offsets counted from the frame's first byte.
 */
@ProviderType
public final class FrameOffload {

    /** {@link #segmentation()}: not a super-frame. */
    public static final int NO_SEGMENTATION = 0;
    public static final int TCPV4 = 1;
    public static final int UDP = 3;
    public static final int TCPV6 = 4;
    /** Flag on {@link #segmentation()}: the TCP segments may carry ECN's congestion-window-reduced mark. */
    public static final int ECN = 0x80;

    private boolean checksumPending;
    private int checksumStartBytes;
    private int checksumOffsetBytes;
    private int segmentation;
    private int segmentBytes;
    private int headerBytes;

    FrameOffload() {
    }

    /** True when nothing is left to do: the frame is complete as it is, as every simulated frame is. */
    public boolean none() {
        return !checksumPending && segmentation == NO_SEGMENTATION;
    }

    /** True when a checksum must still be computed over {@code [checksumStartBytes, length)}. */
    public boolean checksumPending() {
        return checksumPending;
    }

    public int checksumStartBytes() {
        return checksumStartBytes;
    }

    /** Where the checksum goes, counted from {@link #checksumStartBytes()}. */
    public int checksumOffsetBytes() {
        return checksumOffsetBytes;
    }

    /** {@link #NO_SEGMENTATION}, {@link #TCPV4}, {@link #TCPV6} or {@link #UDP}, possibly with {@link #ECN}. */
    public int segmentation() {
        return segmentation;
    }

    /** True for a super-frame: segments still to be cut. */
    public boolean superFrame() {
        return segmentation != NO_SEGMENTATION;
    }

    /** The payload of each segment of a super-frame (the MSS for TCP). */
    public int segmentBytes() {
        return segmentBytes;
    }

    /** The headers each segment repeats (Ethernet to TCP or UDP), or 0 when the sender did not say. */
    public int headerBytes() {
        return headerBytes;
    }

    /**
     * True for a super-frame each of whose segments, its headers and one segment of payload, is at most
     * {@code maxFrameBytes}: what a device's MTU must carry once it has cut the super-frame.
     */
    public boolean segmentsFit(int maxFrameBytes) {
        return superFrame() && headerBytes + segmentBytes <= maxFrameBytes;
    }

    public void setChecksum(int startBytes, int offsetBytes) {
        this.checksumPending = true;
        this.checksumStartBytes = startBytes;
        this.checksumOffsetBytes = offsetBytes;
    }

    /** The checksum was completed: nothing of it is left to do. */
    public void checksumDone() {
        this.checksumPending = false;
        this.checksumStartBytes = 0;
        this.checksumOffsetBytes = 0;
    }

    public void setSegmentation(int segmentation, int segmentBytes, int headerBytes) {
        this.segmentation = segmentation;
        this.segmentBytes = segmentBytes;
        this.headerBytes = headerBytes;
    }

    /** As another frame's: for a copy of that frame. */
    public void copyFrom(FrameOffload other) {
        checksumPending = other.checksumPending;
        checksumStartBytes = other.checksumStartBytes;
        checksumOffsetBytes = other.checksumOffsetBytes;
        segmentation = other.segmentation;
        segmentBytes = other.segmentBytes;
        headerBytes = other.headerBytes;
    }

    public void clear() {
        checksumDone();
        setSegmentation(NO_SEGMENTATION, 0, 0);
    }
}
