package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.lib.frames.FramePool;

class FrameQueueTest {

    private final FramePool pool = new FramePool(8, 100);

    private FrameBuffer frame(int lengthBytes) {
        FrameBuffer frame = pool.acquire();
        frame.setLength(lengthBytes);
        return frame;
    }

    @Test
    void framesLeaveInOrderAndBytesAreKept() {
        FrameQueue queue = new FrameQueue(3);
        FrameBuffer a = frame(10);
        FrameBuffer b = frame(20);
        assertTrue(queue.offer(a));
        assertTrue(queue.offer(b));
        assertEquals(30, queue.bytes());
        assertSame(a, queue.poll());
        assertSame(b, queue.peek());
        assertEquals(20, queue.bytes());
    }

    @Test
    void aFullQueueRefusesAndChangesNothing() {
        FrameQueue queue = new FrameQueue(2);
        queue.offer(frame(1));
        queue.offer(frame(2));
        assertFalse(queue.offer(frame(3)));
        assertFalse(queue.insert(0, frame(4)));
        assertEquals(2, queue.size());
        assertEquals(3, queue.bytes());
    }

    @Test
    void insertPutsAFrameAtAPositionAcrossTheWrap() {
        FrameQueue queue = new FrameQueue(4);
        FrameBuffer[] f = new FrameBuffer[6];
        for (int i = 0; i < f.length; i++) {
            f[i] = frame(i + 1);
        }
        queue.offer(f[0]);
        queue.offer(f[1]);
        queue.poll(); // the head moves, so the next inserts wrap
        queue.insert(0, f[2]);
        queue.insert(1, f[3]);
        queue.offer(f[4]);
        assertSame(f[2], queue.poll());
        assertSame(f[3], queue.poll());
        assertSame(f[1], queue.poll());
        assertSame(f[4], queue.poll());
        assertNull(queue.poll());
        assertThrows(IndexOutOfBoundsException.class, () -> queue.insert(1, f[5]));
    }

    @Test
    void releaseAllReturnsEveryBufferToItsPool() {
        FrameQueue queue = new FrameQueue(4);
        queue.offer(frame(1));
        queue.offer(frame(1));
        assertEquals(2, queue.releaseAll());
        assertEquals(0, pool.inUse());
        assertTrue(queue.isEmpty());
    }
}
