package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.Timer;

class ManualSchedulerTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> fired = new ArrayList<>();

    @Test
    void timersFireInDeadlineThenArmOrderWithTheClockAtEachDeadline() {
        Timer late = clock.newTimer("late", () -> fired.add("late@" + clock.nanoTime()));
        Timer tieA = clock.newTimer("tieA", () -> fired.add("tieA@" + clock.nanoTime()));
        Timer tieB = clock.newTimer("tieB", () -> fired.add("tieB@" + clock.nanoTime()));
        late.armAt(30);
        tieB.armAt(10);
        tieA.armAt(10);
        clock.advance(20);
        assertEquals(List.of("tieB@10", "tieA@10"), fired);
        assertEquals(20, clock.nanoTime());
        assertTrue(late.armed());
        clock.advanceTo(30);
        assertEquals("late@30", fired.get(2));
        assertEquals(3, clock.firedTimers());
    }

    @Test
    void aTimerReArmedByItsActionFiresAgainInTheSameAdvanceAndCancelStopsIt() {
        Timer[] tick = new Timer[1];
        tick[0] = clock.newTimer("tick", () -> {
            fired.add("tick@" + clock.nanoTime());
            tick[0].armAfter(10);
        });
        tick[0].armAfter(10);
        clock.advance(35);
        assertEquals(List.of("tick@10", "tick@20", "tick@30"), fired);
        assertTrue(tick[0].cancel());
        assertFalse(tick[0].cancel());
        clock.advance(100);
        assertEquals(3, fired.size());
        clock.moveClockOnly(5);
        assertEquals(140, clock.nanoTime());
    }

    @Test
    void manyTimersReArmedAndCancelledAtRandomFireSorted() {
        Random random = new Random(14);
        List<Long> deadlines = new ArrayList<>();
        Timer[] timers = new Timer[200];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = clock.newTimer("t" + i, () -> deadlines.add(clock.nanoTime()));
            timers[i].armAt(random.nextInt(1000));
        }
        for (int i = 0; i < 300; i++) {
            Timer timer = timers[random.nextInt(timers.length)];
            if (random.nextBoolean()) {
                timer.cancel();
            } else {
                timer.armAt(random.nextInt(1000));
            }
        }
        int armed = clock.armedTimers();
        clock.advance(1000);
        assertEquals(armed, deadlines.size());
        for (int i = 1; i < deadlines.size(); i++) {
            assertTrue(deadlines.get(i - 1) <= deadlines.get(i), "fired in order: " + deadlines);
        }
    }
}
