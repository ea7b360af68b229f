package org.nicmanager.nicmanager.engine;

import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * Turns the frames the ports' security policies drop into events without an event per frame: the first drop arms one
 * timer, and when it fires each port with new drops gets one event with its counts by reason. So a guest forging a
 * million frames makes at most one event a second, and the frame path only counts and arms a timer, which allocates
 * nothing. World thread only.
 */
final class SecurityDropReport {

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Timer timer;
    private final BondEvents events;
    private final Supplier<Iterable<PortSecurity>> ports;

    SecurityDropReport(KernelScheduler scheduler, BondEvents events, Supplier<Iterable<PortSecurity>> ports) {
        this.timer = scheduler.newTimer("virtual NIC security drops", this::report);
        this.events = events;
        this.ports = ports;
    }

    /** Frame path: a port dropped a frame; the report goes out within {@link #INTERVAL_NANOS}. */
    void dropSeen() {
        if (!timer.armed()) {
            timer.armAfter(INTERVAL_NANOS);
        }
    }

    private void report() {
        for (PortSecurity port : ports.get()) {
            String drops = port.unreportedDrops();
            if (!drops.isEmpty()) {
                events.securityDrops(port.vm, port.port, drops);
            }
        }
    }
}
