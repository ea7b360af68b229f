package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.IdentityHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;

class FramePoolTest {

    private final FramePool pool = new FramePool(3, 1514);

    @Test
    void acquiringBeyondTheSizeReturnsNullAndCountsTheMiss() {
        Map<FrameBuffer, Boolean> distinct = new IdentityHashMap<>();
        for (int i = 0; i < 3; i++) {
            FrameBuffer buffer = pool.acquire();
            assertNotNull(buffer);
            distinct.put(buffer, true);
        }

        assertNull(pool.acquire());
        assertNull(pool.acquire());
        assertEquals(3, distinct.size());
        assertEquals(0, pool.available());
        assertEquals(3, pool.inUse());
        assertEquals(3, pool.acquiredCount());
        assertEquals(2, pool.exhaustedCount());
    }

    @Test
    void releaseMakesABufferAvailableAgain() {
        FrameBuffer first = pool.acquire();
        pool.acquire();
        pool.acquire();

        first.release();

        assertEquals(1, pool.available());
        assertSame(first, pool.acquire());
        assertEquals(0, pool.exhaustedCount());
    }

    @Test
    void releasingTwiceIsRefused() {
        FrameBuffer buffer = pool.acquire();
        buffer.release();

        assertThrows(IllegalStateException.class, buffer::release);
        assertEquals(3, pool.available());
    }

    @Test
    void aReusedBufferComesBackClean() {
        FrameBuffer buffer = pool.acquire();
        buffer.setLength(100);
        buffer.setSourcePort(7);
        buffer.setEnqueuedAtNanos(123);
        buffer.release();

        FrameBuffer again = pool.acquire();

        assertSame(buffer, again);
        assertEquals(0, again.length());
        assertEquals(FrameBuffer.NO_PORT, again.sourcePort());
        assertEquals(0, again.enqueuedAtNanos());
        assertEquals(1514, again.capacity());
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FramePool(0, 64));
        assertThrows(IllegalArgumentException.class, () -> new FramePool(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new FramePool(1, FrameBuffer.MAX_FRAME_BYTES + 1));
    }
}
