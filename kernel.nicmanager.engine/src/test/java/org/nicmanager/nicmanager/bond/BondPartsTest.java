package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.teaming.FailbackMode;

/** The bond's small parts on their own: the backlog's order, the MAC table, the settings' refusals. */
class BondPartsTest {

    private static FrameBuffer[] frames(int count) {
        FrameBuffer[] frames = new FrameBuffer[count];
        for (int i = 0; i < count; i++) {
            frames[i] = FrameBuffer.unpooled(64);
        }
        return frames;
    }

    @Test
    void returnedFramesGoInFrontInTheirOwnOrder() {
        FrameBuffer[] f = frames(6);
        Backlog backlog = new Backlog(8);
        assertTrue(backlog.offer(f[3]));
        assertTrue(backlog.offer(f[4]));
        // a ring flushed oldest first: 0, 1, 2
        assertTrue(backlog.insertReturned(f[0]));
        assertTrue(backlog.insertReturned(f[1]));
        assertTrue(backlog.insertReturned(f[2]));
        backlog.endReturnRun();
        assertTrue(backlog.insertReturned(f[5])); // a new run goes to the very front
        FrameBuffer[] expected = {f[5], f[0], f[1], f[2], f[3], f[4]};
        for (FrameBuffer frame : expected) {
            assertSame(frame, backlog.poll());
        }
        assertNull(backlog.poll());
    }

    @Test
    void theBacklogIsBoundedAndWrapsAround() {
        FrameBuffer[] f = frames(5);
        Backlog backlog = new Backlog(3);
        for (int round = 0; round < 5; round++) { // wrap the ring several times
            assertTrue(backlog.offer(f[0]));
            assertTrue(backlog.insertReturned(f[1]));
            assertTrue(backlog.offer(f[2]));
            assertFalse(backlog.offer(f[3]));
            assertFalse(backlog.insertReturned(f[4]));
            assertEquals(3, backlog.size());
            assertSame(f[1], backlog.poll());
            assertSame(f[0], backlog.poll());
            assertSame(f[2], backlog.poll());
            backlog.endReturnRun();
        }
    }

    @Test
    void macsSeenKeepsUnicastSourcesOnceWithTheirLastAddress() {
        MacsSeen macs = new MacsSeen();
        macs.learn(0x0200_0000_0001L, 0x0A000001);
        macs.learn(0x0200_0000_0002L, 0);
        macs.learn(0x0200_0000_0001L, 0x0A000002);
        macs.learn(0x0100_5E00_0001L, 7); // multicast: never a VM's own address
        assertEquals(2, macs.size());
        assertEquals(0x0200_0000_0001L, macs.mac(0));
        assertEquals(0x0A000002, macs.ipv4(0));
        assertTrue(macs.contains(0x0200_0000_0002L));
        assertFalse(macs.contains(0x0100_5E00_0001L));
        for (long mac = 0; mac < 2 * MacsSeen.CAPACITY; mac++) {
            macs.learn(0x0200_0001_0000L + mac, 0);
        }
        assertEquals(MacsSeen.CAPACITY * 3 / 4, macs.size());
        assertTrue(macs.overflow() > 0);
    }

    @Test
    void settingsRefuseNonsenseNamingTheValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BondSettings.defaults().withBacklogFrames(0));
        assertTrue(refused.getMessage().contains("0 frames"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BondSettings.defaults().withFailback(FailbackMode.DELAYED, -1));
        assertThrows(IllegalArgumentException.class, () -> BondSettings.defaults().withFailback(null, 0));
    }
}
