package org.nicmanager.kernel.core.time;

import java.util.Arrays;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.Timer;

/**
 * The kernel's timers: a binary min-heap ordered by (deadline, arm sequence). Arming, re-arming and cancelling are
 * O(log n) and allocate nothing once the heap has grown to its working size. Equal deadlines fire in arm order, which
 * is what makes the virtual clock deterministic. Owned by the world thread; no locks.
 */
public final class TimerQueue {

    private final KernelClock clock;
    private KernelTimer[] heap = new KernelTimer[64];
    private int size;
    private long nextSequence;
    private long fired;
    private Thread owner;

    public TimerQueue(KernelClock clock) {
        this.clock = clock;
    }

    public Timer newTimer(String name, Runnable action) {
        if (name == null || action == null) {
            throw new IllegalArgumentException("a timer needs a name and an action");
        }
        return new KernelTimer(name, action, this, clock);
    }

    /** Restricts arming and cancelling to one thread; a call from another thread is a kernel bug and is refused. */
    public void setOwner(Thread owner) {
        this.owner = owner;
    }

    void arm(KernelTimer timer, long deadlineNanos) {
        checkOwner(timer);
        // A timer re-armed by its own action is still in the heap: one sift moves it, no removal and insertion.
        timer.firing = false;
        boolean wasArmed = timer.heapIndex >= 0;
        timer.deadlineNanos = deadlineNanos;
        timer.sequence = nextSequence++;
        if (wasArmed) {
            // The new key can be earlier or later than the old one.
            siftUp(timer.heapIndex);
            siftDown(timer.heapIndex);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    boolean cancel(KernelTimer timer) {
        checkOwner(timer);
        boolean wasArmed = timer.armed();
        timer.firing = false;
        if (timer.heapIndex >= 0) {
            removeAt(timer.heapIndex);
        }
        return wasArmed;
    }

    /** Number of armed timers. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Deadline of the earliest armed timer, or {@link Long#MAX_VALUE} when none is armed. */
    public long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadlineNanos;
    }

    /** Name of the earliest armed timer; call only when one is armed. */
    public String firstName() {
        return heap[0].name();
    }

    /**
     * Disarms and returns the earliest timer if its deadline is at or before {@code nowNanos}, else {@code null}. The
     * caller fires it with {@link #fire(Timer)} after setting the clock.
     */
    public Timer pollDue(long nowNanos) {
        if (size == 0 || heap[0].deadlineNanos > nowNanos) {
            return null;
        }
        KernelTimer first = heap[0];
        removeAt(0);
        return first;
    }

    /**
     * Runs the earliest armed timer's action (the caller has checked {@link #nextDeadline()} and set the clock). The
     * timer stays at the top of the heap while its action runs: if the action re-arms it, as periodic and chained
     * timers do, a single sift moves it; otherwise it is removed afterwards, also when the action throws.
     */
    public void fireFirst() {
        KernelTimer timer = heap[0];
        timer.firing = true;
        fired++;
        try {
            timer.fire();
        } finally {
            if (timer.firing) {
                timer.firing = false;
                removeAt(timer.heapIndex);
            }
        }
    }

    /** Runs a timer returned by {@link #pollDue(long)}; its action may re-arm it. */
    public void fire(Timer timer) {
        fired++;
        ((KernelTimer) timer).fire();
    }

    /** Timers fired since the queue was made. */
    public long firedCount() {
        return fired;
    }

    private void checkOwner(KernelTimer timer) {
        if (owner != null && Thread.currentThread() != owner) {
            throw new IllegalStateException("timer '" + timer.name() + "' touched from thread '"
                    + Thread.currentThread().getName() + "'; timers belong to the network world: post an action");
        }
    }

    private void removeAt(int index) {
        KernelTimer removed = heap[index];
        size--;
        if (index != size) {
            KernelTimer last = heap[size];
            heap[index] = last;
            last.heapIndex = index;
            siftUp(index);
            siftDown(last.heapIndex);
        }
        heap[size] = null;
        removed.heapIndex = -1;
    }

    private void siftUp(int index) {
        KernelTimer timer = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            KernelTimer above = heap[parent];
            if (!timer.firesBefore(above)) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }

    private void siftDown(int index) {
        KernelTimer timer = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].firesBefore(heap[child])) {
                child = right;
            }
            if (!heap[child].firesBefore(timer)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }
}
