package org.nicmanager.testsupport;

import java.util.Arrays;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Test double of the kernel's virtual clock: time moves only when the test says so. {@link #advance} and
 * {@link #advanceTo} fire every timer due on the way, in (deadline, arm order), with the clock set to each deadline
 * as the kernel's virtual-time world does; a timer re-armed by an action fires again in the same advance if it falls
 * due. Everything runs on the caller's thread.
 *
 * <p>Arming, re-arming and cancelling allocate nothing (a binary heap over an array that grows only when a timer is
 * created), so benchmarks can use it on the frame path. A benchmark that must not fire timers at all moves the clock
 * with {@link #moveClockOnly}, or never moves it.
 */
public final class ManualScheduler implements KernelScheduler {

    private ManualTimer[] heap = new ManualTimer[16];
    private int armedCount;
    private int createdCount;
    private long now;
    private long armSequence;
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
        createdCount++;
        if (createdCount > heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2); // every timer fits: arming never grows the heap
        }
        return new ManualTimer(name, action);
    }

    /** Moves the clock {@code nanos} forward, firing every timer due on the way. */
    public void advance(long nanos) {
        advanceTo(now + nanos);
    }

    /** Moves the clock to {@code until} (never backwards), firing every timer due on the way. */
    public void advanceTo(long until) {
        while (armedCount > 0 && heap[0].deadline <= until) {
            ManualTimer next = heap[0];
            remove(next);
            now = Math.max(now, next.deadline);
            fired++;
            next.action.run();
        }
        now = Math.max(now, until);
    }

    /** Moves the clock {@code nanos} forward without firing anything: for benchmarks that measure one path alone. */
    public void moveClockOnly(long nanos) {
        now += nanos;
    }

    /** How many timer actions have run. */
    public long firedTimers() {
        return fired;
    }

    /** How many timers are armed now. */
    public int armedTimers() {
        return armedCount;
    }

    private static boolean before(ManualTimer a, ManualTimer b) {
        return a.deadline < b.deadline || a.deadline == b.deadline && a.sequence < b.sequence;
    }

    private void insert(ManualTimer timer) {
        int at = armedCount++;
        heap[at] = timer;
        timer.index = at;
        siftUp(at);
    }

    private void remove(ManualTimer timer) {
        int at = timer.index;
        int last = --armedCount;
        timer.index = -1;
        if (at != last) {
            heap[at] = heap[last];
            heap[at].index = at;
            heap[last] = null;
            ManualTimer moved = heap[at];
            siftDown(at);
            if (moved.index == at) {
                siftUp(at);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!before(heap[at], heap[parent])) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int smallest = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < armedCount && before(heap[left], heap[smallest])) {
                smallest = left;
            }
            if (right < armedCount && before(heap[right], heap[smallest])) {
                smallest = right;
            }
            if (smallest == at) {
                return;
            }
            swap(at, smallest);
            at = smallest;
        }
    }

    private void swap(int a, int b) {
        ManualTimer held = heap[a];
        heap[a] = heap[b];
        heap[b] = held;
        heap[a].index = a;
        heap[b].index = b;
    }

    private final class ManualTimer implements Timer {
        private final String name;
        private final Runnable action;
        private long deadline;
        private long sequence;
        private int index = -1;

        ManualTimer(String name, Runnable action) {
            this.name = name;
            this.action = action;
        }

        @Override
        public void armAt(long deadlineNanos) {
            if (index >= 0) {
                remove(this);
            }
            deadline = deadlineNanos;
            sequence = armSequence++;
            insert(this);
        }

        @Override
        public void armAfter(long delayNanos) {
            armAt(now + delayNanos);
        }

        @Override
        public boolean cancel() {
            if (index < 0) {
                return false;
            }
            remove(this);
            return true;
        }

        @Override
        public boolean armed() {
            return index >= 0;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
