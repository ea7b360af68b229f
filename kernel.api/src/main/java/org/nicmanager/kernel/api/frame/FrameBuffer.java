package org.nicmanager.kernel.api.frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One Ethernet frame (destination MAC to the end of the payload, no FCS) in a reusable kernel buffer.
 *
 * <p>Buffers come from a {@link FramePool} and go back to it with {@link #release()}. The device emulators copy a
 * guest's frame into one, as DMA would, and from then on the frame moves through the kernel by reference. A buffer is
 * owned by one thread at a time (the network world), so it has no locks.
 */
@ProviderType
public final class FrameBuffer {

    /** Ethernet header (14) + two VLAN tags (8) + a 9000-byte jumbo payload. */
    public static final int MAX_FRAME_BYTES = 9022;

    /** Source port value for a frame that did not come from a virtual NIC. */
    public static final int NO_PORT = -1;

    private final byte[] data;
    private final FramePool pool;
    private int length;
    private boolean pooled;
    private int sourcePort = NO_PORT;
    private long enqueuedAtNanos;

    FrameBuffer(int capacityBytes, FramePool pool) {
        this.data = new byte[capacityBytes];
        this.pool = pool;
    }

    /** A buffer that belongs to no pool, for tests and one-off control frames. */
    public static FrameBuffer unpooled(int capacityBytes) {
        if (capacityBytes < 1 || capacityBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "frame capacity " + capacityBytes + " bytes is outside 1.." + MAX_FRAME_BYTES);
        }
        return new FrameBuffer(capacityBytes, null);
    }

    /** The backing array; valid bytes are {@code [0, length())}. Exposed so headers can be read in place. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return data.length;
    }

    /** Sets the number of valid bytes. */
    public void setLength(int lengthBytes) {
        if (lengthBytes < 0 || lengthBytes > data.length) {
            throw new IllegalArgumentException(
                    "frame length " + lengthBytes + " bytes is outside 0.." + data.length);
        }
        this.length = lengthBytes;
    }

    /** Copies {@code lengthBytes} bytes from {@code source} into this buffer, replacing its contents. */
    public void copyFrom(byte[] source, int offset, int lengthBytes) {
        java.util.Objects.checkFromIndexSize(offset, lengthBytes, source.length); // before anything changes
        setLength(lengthBytes);
        System.arraycopy(source, offset, data, 0, lengthBytes);
    }

    /** The virtual NIC port the frame came from, or {@link #NO_PORT}. Set by the device emulator (step 801). */
    public int sourcePort() {
        return sourcePort;
    }

    public void setSourcePort(int port) {
        this.sourcePort = port;
    }

    /** Kernel-clock time at which the frame was last queued; used for queueing-delay statistics. */
    public long enqueuedAtNanos() {
        return enqueuedAtNanos;
    }

    public void setEnqueuedAtNanos(long nanos) {
        this.enqueuedAtNanos = nanos;
    }

    /** Returns the buffer to its pool. A buffer without a pool is simply forgotten. */
    public void release() {
        if (pool != null) {
            pool.release(this);
        }
    }

    /** Clears per-frame metadata; called by the pool when the buffer is handed out again. */
    void reset() {
        length = 0;
        sourcePort = NO_PORT;
        enqueuedAtNanos = 0;
    }

    FramePool pool() {
        return pool;
    }

    boolean pooled() {
        return pooled;
    }

    void setPooled(boolean pooled) {
        this.pooled = pooled;
    }
}
