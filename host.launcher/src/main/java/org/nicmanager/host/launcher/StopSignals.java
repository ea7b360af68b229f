package org.nicmanager.host.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns {@code SIGTERM} and {@code SIGINT} into an orderly stop of a host without a console. The JVM's own handling of
 * them runs the shutdown hooks and exits with 143 (or 130), and the bnd launcher stops no bundle in a shutdown hook:
 * the host would end without flushing its state. With these handlers the main thread returns instead, and the launcher
 * stops the framework (bundles in reverse start order, state and conf/ files flushed) and exits with 0.
 *
 * <p>{@code sun.misc.Signal} is the JDK's supported way to handle a signal (module {@code jdk.unsupported}, exported by
 * the framework's system bundle). The previous handlers come back on {@link #close}, so a second signal during a slow
 * stop ends the process the usual way.
 */
final class StopSignals implements AutoCloseable {

    static final List<String> NAMES = List.of("TERM", "INT");

    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    /** Runs {@code stop} (once per signal received) on the JVM's signal thread. */
    StopSignals(Runnable stop) {
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, received -> stop.run()));
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
