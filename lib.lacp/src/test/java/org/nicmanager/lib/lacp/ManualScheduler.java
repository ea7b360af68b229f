package org.nicmanager.lib.lacp;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/** A virtual clock for the port machines: timers fire in (deadline, arm order) as {@link #advance} moves time. */
final class ManualScheduler implements KernelScheduler {

    private final List<ManualTimer> timers = new ArrayList<>();
    private long now;
    private long armSequence;

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
        ManualTimer timer = new ManualTimer(name, action);
        timers.add(timer);
        return timer;
    }

    void advance(long nanos) {
        long end = now + nanos;
        while (true) {
            ManualTimer next = null;
            for (ManualTimer timer : timers) {
                if (timer.armed && timer.deadline <= end && (next == null || timer.deadline < next.deadline
                        || timer.deadline == next.deadline && timer.sequence < next.sequence)) {
                    next = timer;
                }
            }
            if (next == null) {
                now = end;
                return;
            }
            now = Math.max(now, next.deadline);
            next.armed = false;
            next.action.run();
        }
    }

    private final class ManualTimer implements Timer {
        private final String name;
        private final Runnable action;
        private boolean armed;
        private long deadline;
        private long sequence;

        ManualTimer(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        @Override
        public void armAt(long deadlineNanos) {
            armed = true;
            deadline = deadlineNanos;
            sequence = armSequence++;
        }

        @Override
        public void armAfter(long delayNanos) {
            armAt(now + delayNanos);
        }

        @Override
        public boolean cancel() {
            boolean was = armed;
            armed = false;
            return was;
        }

        @Override
        public boolean armed() {
            return armed;
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
