package org.nicmanager.kernel.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.frame.FrameBuffer;

class FrameSupplyTest {

    @Test
    void anEmptySupplyAnswersNullAndCountsIt() {
        FrameSupply supply = WorldRings.newSupply("rx", 3, 128, FrameMemory.HEAP);
        List<FrameBuffer> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(supply.take());
        }

        assertNull(supply.take());
        assertEquals(1, supply.exhaustedCount());
        assertEquals(0, supply.available());
        taken.get(1).release();
        assertNotNull(supply.take());
    }

    @Test
    void buffersComeBackCleanAndAReleaseTwiceIsABug() {
        FrameSupply supply = WorldRings.newSupply("rx", 1, 128, FrameMemory.HEAP);
        FrameBuffer frame = supply.take();
        frame.setLength(60);
        frame.setSourcePort(7);
        frame.release();

        assertThrows(IllegalStateException.class, frame::release);
        FrameBuffer again = supply.take();
        assertEquals(0, again.length());
        assertEquals(FrameBuffer.NO_PORT, again.sourcePort());
        assertTrue(again.hasArray(), "heap buffers keep data() for the kernel's header readers");
    }

    @Test
    void directBuffersAreOffHeapSlicesOfOneBlock() {
        FrameSupply supply = WorldRings.newSupply("dma", 4, 2048, FrameMemory.DIRECT);
        FrameBuffer frame = supply.take();

        assertTrue(frame.memory().isDirect());
        assertFalse(frame.hasArray());
        assertEquals(2048, frame.capacity());
        assertEquals(FrameMemory.DIRECT, supply.memory());
    }

    @Test
    void badSizesAreRefusedWithTheLimits() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> WorldRings.newSupply("rx", 0, 128, FrameMemory.HEAP));
        assertTrue(none.getMessage().contains("cannot have 0 buffers"), none.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> WorldRings.newSupply("rx", 4, 65_558, FrameMemory.HEAP));
        assertTrue(huge.getMessage().contains("65558 bytes is outside 1..65557"), huge.getMessage());
    }

    @Test
    void twoThreadsTakeAndReleaseWithoutLosingOrDoublingABuffer() throws InterruptedException {
        FrameSupply supply = WorldRings.newSupply("shared", 8, 64, FrameMemory.HEAP);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable churn = () -> {
            try {
                start.await();
                for (int i = 0; i < 200_000; i++) {
                    FrameBuffer frame = supply.take();
                    if (frame != null) {
                        frame.setLength(1); // reissue() threw if another thread owned it
                        frame.release();
                    }
                }
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        };
        Thread a = new Thread(churn);
        Thread b = new Thread(churn);
        a.start();
        b.start();
        start.countDown();
        a.join(30_000);
        b.join(30_000);

        assertNull(failure.get());
        Set<FrameBuffer> distinct = new HashSet<>();
        FrameBuffer frame;
        while ((frame = supply.take()) != null) {
            distinct.add(frame);
        }
        assertEquals(8, distinct.size(), "every buffer came back once");
    }
}
