package org.nicmanager.kernel.api.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One Ethernet frame (destination MAC to the end of the payload, no FCS) in a reusable kernel buffer.
 *
 * <p>Buffers are made with {@link #over} by a supply (a world's frame pool, a driver's ring), and go back to it with
 * {@link #release()}. The device emulators copy a guest's frame into one, as DMA would, and from then on the frame
 * moves through the kernel by reference. A buffer is owned by one thread at a time, so it has no locks: a hand-off
 * between threads (a driver ring) must publish it safely.
 *
 * <p>The memory is on the heap ({@link #data()} is its array) or off it: a direct {@link ByteBuffer}, for example a
 * slot of a driver's memory-mapped ring, so that a frame costs at most one copy between the device and the kernel.
 * {@link #memory()} reads both kinds; {@link #data()} only the first.
 */
@ProviderType
public final class FrameBuffer {

    /** Ethernet header (14) + two VLAN tags (8) + a 9000-byte jumbo payload. */
    public static final int MAX_FRAME_BYTES = 9022;

    /**
     * A super-frame's largest size: a whole IP packet (65,535) with its Ethernet header and two VLAN tags. Only frames
     * carrying segmentation offload ({@link FrameOffload}) from a real guest are this long; buffers for them come from
     * the back ends and drivers that handle them.
     *
     * @since 3.1
     */
    public static final int MAX_SUPER_FRAME_BYTES = 65_557;

    /** Source port value for a frame that did not come from a virtual NIC. */
    public static final int NO_PORT = -1;

    /**
     * Takes back a buffer made by {@link #over} when its owner calls {@link #release()}. Called on the releasing
     * thread, which may be any thread that owned the frame; the buffer is marked released before the call.
     */
    @ConsumerType
    @FunctionalInterface
    public interface Recycler {
        void recycle(FrameBuffer frame);
    }

    /** The heap array behind {@link #memory}, or null when the memory is off-heap. */
    private final byte[] data;
    private final ByteBuffer memory;
    private final Recycler recycler;
    private int length;
    /** True from {@link #release()} to {@link #reissue()}: the buffer has no owner. */
    private boolean released;
    private int sourcePort = NO_PORT;
    private long enqueuedAtNanos;
    private final FrameOffload offload = new FrameOffload();

    private FrameBuffer(ByteBuffer memory, Recycler recycler) {
        this.memory = memory;
        this.data = memory.hasArray() && memory.arrayOffset() == 0 ? memory.array() : null;
        this.recycler = recycler;
    }

    /** A buffer that belongs to no pool, for tests and one-off control frames. */
    public static FrameBuffer unpooled(int capacityBytes) {
        checkCapacity(capacityBytes);
        return new FrameBuffer(ByteBuffer.wrap(new byte[capacityBytes]), null);
    }

    /**
     * A buffer over memory its caller owns: a heap or direct {@link ByteBuffer} (a slice of a memory-mapped ring, say)
     * whose bytes {@code [0, capacity)} hold the frame. {@link #release()} hands it to {@code recycler}; a null
     * recycler makes a buffer that is simply forgotten. Position and limit of {@code memory} are not used.
     */
    public static FrameBuffer over(ByteBuffer memory, Recycler recycler) {
        Objects.requireNonNull(memory, "memory");
        checkCapacity(memory.capacity());
        return new FrameBuffer(memory, recycler);
    }

    private static void checkCapacity(int capacityBytes) {
        if (capacityBytes < 1 || capacityBytes > MAX_SUPER_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "frame capacity " + capacityBytes + " bytes is outside 1.." + MAX_SUPER_FRAME_BYTES);
        }
    }

    /**
     * The backing array; valid bytes are {@code [0, length())}. Exposed so headers can be read in place.
     *
     * @throws IllegalStateException when the memory is off-heap ({@link #hasArray()} is false): use {@link #memory()}
     */
    public byte[] data() {
        if (data == null) {
            throw new IllegalStateException("this frame's memory is off-heap (a direct ByteBuffer) and has no array;"
                    + " read it through memory()");
        }
        return data;
    }

    /** True when {@link #data()} can be used: the memory is a heap array starting at index 0. */
    public boolean hasArray() {
        return data != null;
    }

    /**
     * The frame's memory, heap or direct; valid bytes are {@code [0, length())}. Use absolute gets and puts only: the
     * buffer's position and limit are shared by every reader and mean nothing.
     */
    public ByteBuffer memory() {
        return memory;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return memory.capacity();
    }

    /** Sets the number of valid bytes. */
    public void setLength(int lengthBytes) {
        if (lengthBytes < 0 || lengthBytes > memory.capacity()) {
            throw new IllegalArgumentException(
                    "frame length " + lengthBytes + " bytes is outside 0.." + memory.capacity());
        }
        this.length = lengthBytes;
    }

    /** Copies {@code lengthBytes} bytes from {@code source} into this buffer, replacing its contents. */
    public void copyFrom(byte[] source, int offset, int lengthBytes) {
        Objects.checkFromIndexSize(offset, lengthBytes, source.length); // before anything changes
        setLength(lengthBytes);
        if (data != null) {
            System.arraycopy(source, offset, data, 0, lengthBytes);
        } else {
            memory.put(0, source, offset, lengthBytes);
        }
    }

    /**
     * Copies {@code lengthBytes} bytes at {@code offset} of {@code source} (heap or direct, e.g. a memory-mapped receive
     * ring) into this buffer, replacing its contents: the one copy between a device's memory and the kernel.
     * {@code source}'s position and limit are not used or changed.
     */
    public void copyFrom(ByteBuffer source, int offset, int lengthBytes) {
        Objects.checkFromIndexSize(offset, lengthBytes, source.capacity());
        setLength(lengthBytes);
        memory.put(0, source, offset, lengthBytes);
    }

    /**
     * Copies the frame's {@link #length()} bytes into {@code target} at {@code offset} (a transmit ring's slot, say).
     * {@code target}'s position and limit are not used or changed.
     */
    public void copyTo(ByteBuffer target, int offset) {
        Objects.checkFromIndexSize(offset, length, target.capacity());
        target.put(offset, memory, 0, length);
    }

    /** The virtual NIC port the frame came from, or {@link #NO_PORT}. Set by the device emulator (step 801). */
    public int sourcePort() {
        return sourcePort;
    }

    public void setSourcePort(int port) {
        this.sourcePort = port;
    }

    /**
     * What the guest left for the device to finish: a checksum, segments to cut. Empty for every frame that did not
     * come from a real guest asking for offloads.
     *
     * @since 3.1
     */
    public FrameOffload offload() {
        return offload;
    }

    /** Kernel-clock time at which the frame was last queued; used for queueing-delay statistics. */
    public long enqueuedAtNanos() {
        return enqueuedAtNanos;
    }

    public void setEnqueuedAtNanos(long nanos) {
        this.enqueuedAtNanos = nanos;
    }

    /** Returns the buffer to its recycler. A buffer without one is simply forgotten. */
    public void release() {
        if (recycler != null) {
            if (released) {
                // A double release would hand one buffer to two owners: a kernel bug, never a user mistake.
                throw new IllegalStateException("frame buffer released twice");
            }
            released = true;
            recycler.recycle(this);
        }
    }

    /**
     * Hands a released buffer out again with its per-frame metadata cleared: for the supply that made it with
     * {@link #over}, on the thread that takes it from the supply.
     *
     * @throws IllegalStateException when the buffer was not released (it still has an owner)
     */
    public void reissue() {
        if (!released) {
            throw new IllegalStateException("frame buffer reissued while still in use");
        }
        released = false;
        length = 0;
        sourcePort = NO_PORT;
        enqueuedAtNanos = 0;
        offload.clear();
    }
}
