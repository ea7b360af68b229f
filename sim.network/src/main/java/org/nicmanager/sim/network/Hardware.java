package org.nicmanager.sim.network;

import java.util.function.Consumer;
import java.util.function.Function;

import org.nicmanager.sim.network.model.PhysicalWorld;

/**
 * The simulated world as this bundle's extender and commands reach it (a service private to sim.network): the model,
 * always entered on the network world's thread, where it lives.
 */
public interface Hardware {

    /**
     * Runs {@code action} on the model on the world thread and returns its result. A refusal of the model (an
     * {@link IllegalArgumentException} naming the bad value) reaches the caller unchanged.
     */
    <T> T call(Function<PhysicalWorld, T> action);

    /** {@link #call} for an action that returns nothing. */
    default void run(Consumer<PhysicalWorld> action) {
        call(world -> {
            action.accept(world);
            return null;
        });
    }
}
