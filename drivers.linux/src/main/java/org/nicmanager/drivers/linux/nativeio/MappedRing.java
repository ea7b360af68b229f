package org.nicmanager.drivers.linux.nativeio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One TPACKET_V2 ring inside the socket's memory map, shared with the kernel. Each frame's {@code tp_status} is the
 * hand-off: read with acquire and written with release ordering, so that the frame's bytes are seen whole on either
 * side. Everything else is read and written in place, with absolute accesses that allocate nothing.
 */
public final class MappedRing {

    private static final VarHandle STATUS = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.nativeOrder());

    private final ByteBuffer memory;
    private final int baseOffset;
    private final RingGeometry geometry;
    private final int mask;

    /** @param memory the whole map, in native byte order; {@code baseOffset} is where this ring starts in it */
    MappedRing(ByteBuffer memory, int baseOffset, RingGeometry geometry) {
        this.memory = memory;
        this.baseOffset = baseOffset;
        this.geometry = geometry;
        this.mask = geometry.frames() - 1;
    }

    public ByteBuffer memory() {
        return memory;
    }

    public RingGeometry geometry() {
        return geometry;
    }

    public int frames() {
        return geometry.frames();
    }

    /** The slot after {@code slot}, wrapping. */
    public int next(int slot) {
        return (slot + 1) & mask;
    }

    /** Where frame {@code slot} starts in {@link #memory()}. */
    public int offset(int slot) {
        return baseOffset + slot * geometry.frameBytes();
    }

    public int status(int slot) {
        return (int) STATUS.getAcquire(memory, offset(slot) + Abi.TP_STATUS);
    }

    public void setStatus(int slot, int status) {
        STATUS.setRelease(memory, offset(slot) + Abi.TP_STATUS, status);
    }

    public int intField(int slot, int field) {
        return memory.getInt(offset(slot) + field);
    }

    public int shortField(int slot, int field) {
        return Short.toUnsignedInt(memory.getShort(offset(slot) + field));
    }

    public void setIntField(int slot, int field, int value) {
        memory.putInt(offset(slot) + field, value);
    }
}
