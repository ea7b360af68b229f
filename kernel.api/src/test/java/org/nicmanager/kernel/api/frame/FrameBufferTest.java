package org.nicmanager.kernel.api.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FrameBufferTest {

    private final FrameBuffer buffer = FrameBuffer.unpooled(64);

    @Test
    void lengthMayRangeFromZeroToCapacity() {
        buffer.setLength(0);
        assertEquals(0, buffer.length());
        buffer.setLength(64);
        assertEquals(64, buffer.length());
    }

    @Test
    void lengthOutsideTheCapacityIsRefusedWithTheBounds() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> buffer.setLength(65));
        assertThrows(IllegalArgumentException.class, () -> buffer.setLength(-1));

        assertTrue(tooLong.getMessage().contains("65"), tooLong.getMessage());
        assertTrue(tooLong.getMessage().contains("0..64"), tooLong.getMessage());
    }

    @Test
    void copyFromReplacesContentsAndLength() {
        byte[] source = {9, 9, 1, 2, 3, 4, 9};
        buffer.copyFrom(new byte[] {7, 7, 7, 7, 7, 7, 7, 7}, 0, 8);

        buffer.copyFrom(source, 2, 4);

        assertEquals(4, buffer.length());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOf(buffer.data(), 4));
    }

    @Test
    void copyFromMoreThanTheCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> buffer.copyFrom(new byte[100], 0, 65));
    }

    @Test
    void unpooledCapacityIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> FrameBuffer.unpooled(0));
        assertThrows(IllegalArgumentException.class, () -> FrameBuffer.unpooled(FrameBuffer.MAX_SUPER_FRAME_BYTES + 1));
        assertEquals(FrameBuffer.MAX_SUPER_FRAME_BYTES,
                FrameBuffer.unpooled(FrameBuffer.MAX_SUPER_FRAME_BYTES).capacity());
    }

    @Test
    void releasingAnUnpooledBufferDoesNothing() {
        buffer.release();
        buffer.release();

        assertEquals(FrameBuffer.NO_PORT, buffer.sourcePort());
    }
}
