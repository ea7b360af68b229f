package org.nicmanager.kernel.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.testsupport.ManualScheduler;

class TimerQueueTest {

    /** Only its clock is used, moved by hand: the timers are the queue's under test. */
    private final ManualScheduler clock = new ManualScheduler();
    private final TimerQueue queue = new TimerQueue(clock);

    private List<Integer> fireAll(long until) {
        List<Integer> order = new ArrayList<>();
        Timer due;
        while ((due = queue.pollDue(until)) != null) {
            order.add(Integer.parseInt(due.name()));
            queue.fire(due);
        }
        return order;
    }

    private List<Integer> armRandomTimers(long seed, int count, long[] deadlines) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            // Few distinct deadlines, so that many ties must be broken by arm order.
            deadlines[i] = random.nextInt(500) * 1_000L;
            queue.newTimer(Integer.toString(i), () -> { }).armAt(deadlines[i]);
        }
        return fireAll(Long.MAX_VALUE);
    }

    @Test
    void tenThousandTimersFireInDeadlineOrderThenArmOrder() {
        long[] deadlines = new long[10_000];
        List<Integer> fired = armRandomTimers(42, deadlines.length, deadlines);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < deadlines.length; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.<Integer>comparingLong(i -> deadlines[i]).thenComparingInt(i -> i));
        assertEquals(expected, fired);
        assertEquals(10_000, queue.firedCount());
        assertTrue(queue.isEmpty());
    }

    @Test
    void theSameTimersFireInTheSameOrderEveryRun() {
        long[] deadlines = new long[10_000];
        List<Integer> first = armRandomTimers(7, deadlines.length, deadlines);
        List<Integer> second = new TimerQueueTest().armRandomTimers(7, deadlines.length, deadlines);
        assertEquals(first, second);
    }

    @Test
    void onlyDueTimersArePolled() {
        queue.newTimer("1", () -> { }).armAt(100);
        queue.newTimer("2", () -> { }).armAt(200);
        assertEquals(List.of(1), fireAll(150));
        assertEquals(200, queue.nextDeadline());
        assertEquals(List.of(2), fireAll(200));
        assertEquals(Long.MAX_VALUE, queue.nextDeadline());
    }

    @Test
    void rearmingMovesATimerEitherWay() {
        Timer a = queue.newTimer("1", () -> { });
        Timer b = queue.newTimer("2", () -> { });
        a.armAt(100);
        b.armAt(200);
        a.armAt(300); // later
        assertEquals(List.of(2, 1), fireAll(Long.MAX_VALUE));
        a.armAt(300);
        b.armAt(400);
        b.armAt(50); // earlier
        assertEquals(List.of(2, 1), fireAll(Long.MAX_VALUE));
    }

    @Test
    void rearmingWithTheSameDeadlineGoesBehindItsPeers() {
        Timer a = queue.newTimer("1", () -> { });
        Timer b = queue.newTimer("2", () -> { });
        a.armAt(100);
        b.armAt(100);
        a.armAt(100);
        assertEquals(List.of(2, 1), fireAll(100));
    }

    @Test
    void cancelledTimersDoNotFire() {
        Timer a = queue.newTimer("1", () -> { });
        Timer b = queue.newTimer("2", () -> { });
        Timer c = queue.newTimer("3", () -> { });
        a.armAt(10);
        b.armAt(20);
        c.armAt(30);
        assertTrue(b.cancel());
        assertFalse(b.cancel());
        assertFalse(b.armed());
        assertEquals(List.of(1, 3), fireAll(Long.MAX_VALUE));
    }

    @Test
    void armAfterCountsFromTheClock() {
        clock.advanceTo(1_000);
        Timer timer = queue.newTimer("1", () -> { });
        timer.armAfter(500);
        assertEquals(1_500, timer.deadlineNanos());
        assertThrows(IllegalArgumentException.class, () -> timer.armAfter(-1));
    }

    @Test
    void aTimerMayRearmItselfWhenFired() {
        List<Long> firings = new ArrayList<>();
        Timer[] periodic = new Timer[1];
        periodic[0] = queue.newTimer("1", () -> {
            firings.add(clock.nanoTime());
            periodic[0].armAt(clock.nanoTime() + 10);
        });
        periodic[0].armAt(0);
        Timer due;
        while ((due = queue.pollDue(45)) != null) {
            clock.advanceTo(due.deadlineNanos());
            queue.fire(due);
        }
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), firings);
        assertEquals(50, periodic[0].deadlineNanos());
    }

    @Test
    void anOwnedQueueRefusesOtherThreads() throws InterruptedException {
        Thread owner = new Thread(() -> { });
        queue.setOwner(owner);
        Timer timer = queue.newTimer("1", () -> { });
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> timer.armAt(1));
        assertTrue(refused.getMessage().contains("post an action"), refused.getMessage());
        assertNull(queue.pollDue(Long.MAX_VALUE));
    }

    private void fireDueInPlace(long until) {
        while (queue.nextDeadline() <= until) {
            clock.advanceTo(queue.nextDeadline());
            queue.fireFirst();
        }
    }

    @Test
    void firingInPlaceKeepsASelfRearmingTimerAndDropsAOneShot() {
        List<Long> periodic = new ArrayList<>();
        Timer[] tick = new Timer[1];
        tick[0] = queue.newTimer("tick", () -> {
            assertFalse(tick[0].armed(), "a timer is not armed while its own action runs");
            periodic.add(clock.nanoTime());
            tick[0].armAt(clock.nanoTime() + 10);
        });
        Timer once = queue.newTimer("once", () -> periodic.add(-clock.nanoTime()));
        tick[0].armAt(0);
        once.armAt(15);
        fireDueInPlace(30);
        assertEquals(List.of(0L, 10L, -15L, 20L, 30L), periodic);
        assertTrue(tick[0].armed());
        assertFalse(once.armed());
        assertEquals(1, queue.size());
    }

    @Test
    void aTimerCancelledOrFailingInItsOwnActionLeavesTheQueue() {
        Timer[] self = new Timer[1];
        self[0] = queue.newTimer("self-cancel", () -> assertFalse(self[0].cancel()));
        Timer failing = queue.newTimer("failing", () -> {
            throw new IllegalStateException("boom");
        });
        self[0].armAt(1);
        failing.armAt(2);
        queue.fireFirst();
        assertThrows(IllegalStateException.class, queue::fireFirst);
        assertTrue(queue.isEmpty());
        assertFalse(failing.armed());
    }
}
