package org.nicmanager.kernel.core.time;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.Timer;

/** A timer entry of the {@link TimerQueue}; it remembers its heap slot so that re-arming and cancelling cost O(log n). */
final class KernelTimer implements Timer {

    private final String name;
    private final Runnable action;
    private final TimerQueue queue;
    private final KernelClock clock;
    long deadlineNanos;
    /** Arm order; breaks deadline ties so that equal deadlines fire first-armed first. */
    long sequence;
    /** Slot in the heap, or -1 when not armed. */
    int heapIndex = -1;
    /** True while {@link TimerQueue#fireFirst()} runs this timer's action from its place at the top of the heap. */
    boolean firing;

    KernelTimer(String name, Runnable action, TimerQueue queue, KernelClock clock) {
        this.name = name;
        this.action = action;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void armAt(long deadline) {
        queue.arm(this, deadline);
    }

    @Override
    public void armAfter(long delayNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("timer '" + name + "': negative delay " + delayNanos + " ns");
        }
        queue.arm(this, clock.nanoTime() + delayNanos);
    }

    @Override
    public boolean cancel() {
        return queue.cancel(this);
    }

    @Override
    public boolean armed() {
        return heapIndex >= 0 && !firing;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public String name() {
        return name;
    }

    void fire() {
        action.run();
    }

    boolean firesBefore(KernelTimer other) {
        return deadlineNanos < other.deadlineNanos
                || deadlineNanos == other.deadlineNanos && sequence < other.sequence;
    }

    @Override
    public String toString() {
        return "Timer[" + name + (armed() ? " @" + deadlineNanos + "ns" : " disarmed") + "]";
    }
}
