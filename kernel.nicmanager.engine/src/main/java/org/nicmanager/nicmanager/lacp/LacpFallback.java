package org.nicmanager.nicmanager.lacp;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Fallback to active-backup when the partner never speaks LACP (Open vSwitch's {@code lacp-fallback-ab}; what users
 * of LACP ask for, so that a host stays reachable through a switch without LACP). Armed when no member has heard a
 * partner while one is up, it fires after the configured time; the first LACPDU from a partner ends it.
 */
final class LacpFallback {

    private final long fallbackNanos;
    private final Timer timer;
    private final Runnable changed;
    private boolean active;

    /** @param fallbackNanos 0: never fall back */
    LacpFallback(KernelScheduler scheduler, String bond, long fallbackNanos, Runnable changed) {
        this.fallbackNanos = fallbackNanos;
        this.changed = changed;
        this.timer = scheduler.newTimer("bond " + bond + " LACP fallback", this::expired);
    }

    /** Called on every change of what the members hear and whether any is up. */
    void evaluate(boolean partnerHeard, boolean anyUp) {
        if (fallbackNanos == 0) {
            return;
        }
        if (partnerHeard) {
            timer.cancel();
            if (active) {
                active = false; // LACP negotiates from here
                changed.run();
            }
        } else if (!anyUp) {
            timer.cancel(); // the wait starts again when a link comes up; an active fallback stays
        } else if (!active && !timer.armed()) {
            timer.armAfter(fallbackNanos);
        }
    }

    private void expired() {
        active = true;
        changed.run();
    }

    boolean active() {
        return active;
    }

    void close() {
        timer.cancel();
    }
}
