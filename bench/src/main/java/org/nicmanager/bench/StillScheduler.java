package org.nicmanager.bench;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.time.TimerQueue;

/** A kernel scheduler on a clock that stands still: benchmarks of the frame path fire no timers. */
final class StillScheduler implements KernelScheduler {

    private final TimerQueue timers = new TimerQueue(this);

    @Override
    public long nanoTime() {
        return 0;
    }

    @Override
    public ClockMode mode() {
        return ClockMode.VIRTUAL;
    }

    @Override
    public Timer newTimer(String name, Runnable action) {
        return timers.newTimer(name, action);
    }
}
