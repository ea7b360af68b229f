package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.nicmanager.kernel.api.time.KernelScheduler;

/**
 * The world's packet captures, by port. A port is a card or host by name, or a switch port as {@code SW/N}; what is
 * captured is that end of its cable. Ended captures are remembered until the next capture of the same port.
 */
final class Captures {

    private final KernelScheduler scheduler;
    private final Inventory inventory;
    private final Map<String, Capture> byPort = new TreeMap<>();

    Captures(KernelScheduler scheduler, Inventory inventory) {
        this.scheduler = scheduler;
        this.inventory = inventory;
    }

    CaptureView start(String port, CaptureFile file, long forNanos) {
        if (forNanos < 0) {
            throw new IllegalArgumentException("bad capture duration " + forNanos + " ns: 0 (until stopped) or more");
        }
        CableEnd end = inventory.cableEnd(port);
        Cable cable = inventory.cableAt(end);
        if (cable == null) {
            throw new IllegalArgumentException("'" + port + "' has no cable to capture on");
        }
        Capture running = byPort.get(port);
        if (running != null && cable.tapped(end)) {
            throw new IllegalArgumentException("'" + port + "' is already being captured to "
                    + running.view().file() + "; end that first with: capture stop " + port);
        }
        Capture capture = new Capture(scheduler, port, file, cable, end, forNanos, () -> { });
        byPort.put(port, capture);
        return capture.view();
    }

    CaptureView stop(String port) {
        Capture capture = byPort.get(port);
        if (capture == null) {
            throw new IllegalArgumentException("no capture on '" + port + "'; captures: "
                    + (byPort.isEmpty() ? "(none)" : String.join(", ", byPort.keySet())));
        }
        capture.stop();
        return capture.view();
    }

    List<CaptureView> list() {
        List<CaptureView> views = new ArrayList<>();
        byPort.values().forEach(capture -> views.add(capture.view()));
        return views;
    }

    void stopAll() {
        byPort.values().forEach(Capture::stop);
    }

    /** Completes when every capture that has ended has its file complete; running ones are not waited for. */
    CompletableFuture<Void> ended() {
        return CompletableFuture.allOf(byPort.values().stream().filter(capture -> !capture.view().state()
                .equals("RUNNING")).map(Capture::written).toArray(CompletableFuture[]::new));
    }

}
