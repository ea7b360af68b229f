package org.nicmanager.drivers.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The declared line rate, on made-up times: a greedy sender gets the rate exactly, after one tolerance's burst. */
class LinePacerTest {

    private static final long SECOND = 1_000_000_000L;
    /** A 1,514-byte frame on the wire: FCS, preamble and gap make it 1,538 bytes. */
    private static final long FULL_FRAME_BITS = 1_538 * 8;

    @Test
    void aGreedySenderGetsTheLineRateAndOneToleranceOfBurst() {
        LinePacer pacer = new LinePacer(100_000_000L);
        long frames = 0;
        for (long now = 0; now < SECOND; now += 1_000) { // it tries every microsecond
            while (pacer.mayTransmit(now)) {
                pacer.transmitted(1_514, now);
                frames++;
            }
        }
        long atRate = 100_000_000L / FULL_FRAME_BITS; // 8,127 frames in a second
        long burst = LinePacer.TOLERANCE_NANOS * 100_000_000L / (FULL_FRAME_BITS * SECOND); // 8 frames more at once
        assertEquals(atRate + burst + 1, frames, 1.0);
    }

    @Test
    void shortFramesCountAsTheMinimumFrameOnTheWire() {
        LinePacer pacer = new LinePacer(84 * 8 * 1_000L); // 1,000 minimum frames per second
        pacer.transmitted(60, 0);
        pacer.transmitted(10, 0);
        assertEquals(2 * 1_000_000L - LinePacer.TOLERANCE_NANOS, pacer.nextTransmitNanos());
    }

    @Test
    void anIdleNicSendsAtOnceAndBuildsNoCreditWhileIdle() {
        LinePacer pacer = new LinePacer(1_000_000L); // a 60-byte frame takes 672 us
        assertTrue(pacer.mayTransmit(0));
        pacer.transmitted(60, 0);
        pacer.transmitted(60, 0);
        assertFalse(pacer.mayTransmit(0), "two frames used the 1 ms tolerance");
        long later = 10 * SECOND;
        pacer.transmitted(60, later);
        pacer.transmitted(60, later);
        assertFalse(pacer.mayTransmit(later), "ten idle seconds gave no more than the tolerance");
    }

    @Test
    void aRateOfNothingIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LinePacer(0));
        assertTrue(refused.getMessage().contains("got 0"), refused.getMessage());
    }
}
