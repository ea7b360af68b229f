package org.nicmanager.dos.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CountWindowTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSteadyCountGivesItsRateOverTheWindow() {
        CountWindow window = new CountWindow();
        double rate = 0;
        for (long t = 0; t <= 1_000; t += 10) {
            rate = window.perSecond(t * MS, t * 5, 50 * MS); // 5 per ms
        }
        assertEquals(5_000, rate, 1);
    }

    @Test
    void aStepIsSeenWithinTheWindowAndNoEarlierThanItsShareOfIt() {
        CountWindow window = new CountWindow();
        long count = 0;
        for (long t = 0; t <= 500; t += 10) {
            count += 10;
            window.perSecond(t * MS, count, 50 * MS);
        }
        // From 500 ms on, 100 times as much per period: after 20 ms of 50, the window holds 2 fast periods of 5.
        count += 1_000;
        window.perSecond(510 * MS, count, 50 * MS);
        count += 1_000;
        double rate = window.perSecond(520 * MS, count, 50 * MS);
        assertEquals((2 * 1_000 + 3 * 10) * 1_000 / 50.0, rate, 1);
    }

    @Test
    void beforeTwoMomentsThereIsNoRate() {
        assertEquals(0, new CountWindow().perSecond(5 * MS, 100, 50 * MS));
    }
}
