package org.nicmanager.resource.scheduler;

import java.util.Comparator;
import java.util.TreeSet;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A virtual kernel clock for tests: time moves only by {@link #advance}, which fires every timer due on the way in
 * (deadline, arm order), with the clock set to each deadline, as the kernel's virtual-time world does.
 */
public final class TestClock implements KernelScheduler {

    private final TreeSet<TestTimer> armed = new TreeSet<>(
            Comparator.<TestTimer>comparingLong(timer -> timer.deadline).thenComparingLong(timer -> timer.sequence));
    private long now;
    private long nextSequence;
    private long fired;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public ClockMode mode() {
        return ClockMode.VIRTUAL;
    }

    @Override
    public Timer newTimer(String name, Runnable action) {
        return new TestTimer(name, action);
    }

    public void advance(long nanos) {
        advanceTo(now + nanos);
    }

    public void advanceTo(long until) {
        while (!armed.isEmpty() && armed.first().deadline <= until) {
            TestTimer timer = armed.pollFirst();
            timer.inQueue = false;
            now = Math.max(now, timer.deadline);
            fired++;
            timer.action.run();
        }
        now = Math.max(now, until);
    }

    public long firedTimers() {
        return fired;
    }

    private final class TestTimer implements Timer {
        final String name;
        final Runnable action;
        long deadline;
        long sequence;
        boolean inQueue;

        TestTimer(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        @Override
        public void armAt(long deadlineNanos) {
            if (inQueue) {
                armed.remove(this);
            }
            deadline = deadlineNanos;
            sequence = nextSequence++;
            inQueue = true;
            armed.add(this);
        }

        @Override
        public void armAfter(long delayNanos) {
            armAt(now + delayNanos);
        }

        @Override
        public boolean cancel() {
            boolean was = inQueue;
            if (inQueue) {
                armed.remove(this);
                inQueue = false;
            }
            return was;
        }

        @Override
        public boolean armed() {
            return inQueue;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
