package org.nicmanager.kernel.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Frames over memory a driver owns: off-heap slots, heap arrays, and the recycler that takes them back. */
class FrameBufferMemoryTest {

    private final List<FrameBuffer> recycled = new ArrayList<>();

    @Test
    void anOffHeapFrameIsReadThroughMemoryAndRefusesData() {
        FrameBuffer frame = FrameBuffer.over(ByteBuffer.allocateDirect(128), recycled::add);
        frame.copyFrom(new byte[] {1, 2, 3, 4, 5}, 1, 3);

        assertFalse(frame.hasArray());
        assertEquals(3, frame.length());
        assertEquals(2, frame.memory().get(0));
        assertEquals(4, frame.memory().get(2));
        IllegalStateException noArray = assertThrows(IllegalStateException.class, frame::data);
        assertTrue(noArray.getMessage().contains("off-heap"), noArray.getMessage());
    }

    @Test
    void aHeapByteBufferKeepsItsArrayAsData() {
        ByteBuffer heap = ByteBuffer.allocate(64);
        FrameBuffer frame = FrameBuffer.over(heap, null);

        assertTrue(frame.hasArray());
        assertSame(heap.array(), frame.data());
        assertTrue(FrameBuffer.unpooled(64).hasArray());
    }

    @Test
    void oneCopyInFromAMappedRingSlotAndOneCopyOut() {
        ByteBuffer ringIn = ByteBuffer.allocateDirect(256);
        for (int i = 0; i < 64; i++) {
            ringIn.put(100 + i, (byte) i);
        }
        FrameBuffer frame = FrameBuffer.unpooled(128);

        frame.copyFrom(ringIn, 100, 64);
        ByteBuffer ringOut = ByteBuffer.allocateDirect(256);
        frame.copyTo(ringOut, 10);

        assertEquals(64, frame.length());
        assertEquals(63, frame.data()[63]);
        assertEquals(63, ringOut.get(73));
        assertEquals(0, ringIn.position(), "the slots' positions are not used");
        assertEquals(0, ringOut.position());
        assertThrows(IndexOutOfBoundsException.class, () -> frame.copyTo(ringOut, 200));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.copyFrom(ringIn, 200, 64));
        assertEquals(64, frame.length(), "a refused copy changes nothing");
    }

    @Test
    void releaseHandsTheFrameToItsRecyclerOnceAndReissueCleansIt() {
        FrameBuffer frame = FrameBuffer.over(ByteBuffer.allocateDirect(64), recycled::add);
        assertThrows(IllegalStateException.class, frame::reissue, "still in use");
        frame.setLength(60);
        frame.setSourcePort(3);
        frame.offload().setChecksum(34, 6);
        frame.offload().setSegmentation(FrameOffload.TCPV4, 1448, 66);

        frame.release();

        assertEquals(List.of(frame), recycled);
        IllegalStateException twice = assertThrows(IllegalStateException.class, frame::release);
        assertTrue(twice.getMessage().contains("released twice"), twice.getMessage());
        frame.reissue();
        assertEquals(0, frame.length());
        assertEquals(FrameBuffer.NO_PORT, frame.sourcePort());
        assertTrue(frame.offload().none(), "offloads belong to the frame, not the buffer");
    }

    @Test
    void memoryOutsideTheFrameLimitsIsRefused() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> FrameBuffer.over(ByteBuffer.allocateDirect(FrameBuffer.MAX_SUPER_FRAME_BYTES + 1), null));
        assertTrue(big.getMessage().contains("65558 bytes is outside 1..65557"), big.getMessage());
        assertThrows(IllegalStateException.class, () -> FrameBuffer.over(ByteBuffer.allocate(64), released -> { }).reissue());
    }
}
