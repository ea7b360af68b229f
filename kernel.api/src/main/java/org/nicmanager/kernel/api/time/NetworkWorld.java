package org.nicmanager.kernel.api.time;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The single thread that owns all network state. Shell commands, configuration changes and driver callbacks post
 * actions here instead of touching state themselves, so the frame path needs no locks. Frames from a driver's own
 * threads come in batches through rings that name the world they feed
 * ({@link org.nicmanager.kernel.api.driver.DriverRings}), not one posted action each.
 */
@ProviderType
public interface NetworkWorld {

    /** Posts an action and returns at once; the future completes with its result or its exception. */
    <T> CompletableFuture<T> post(Supplier<T> action);

    /** Posts an action that returns nothing. */
    default CompletableFuture<Void> post(Runnable action) {
        return post(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs an action in the world and waits for its result. On the real clock the wait is bounded by the world's
     * configured action timeout; on the virtual clock it is not, because kernel time stands still until the world
     * answers, so a late answer only means a busy machine, never a fault. Called from the world thread itself, it
     * runs the action directly. A runtime exception thrown by the action is rethrown here unchanged, so a refused
     * command keeps its message.
     *
     * @throws WorldTimeoutException when a real-clock world did not answer in time, or the world stopped
     */
    <T> T call(Supplier<T> action);

    /** {@link #call(Supplier)} for an action that returns nothing. */
    default void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs bulk control work (something done to every virtual NIC, say) in bounded steps, and waits for the last. The
     * world calls {@code step} again and again, each call doing one small piece and answering whether any is left;
     * once a call ends after the kernel's control slice ({@code controlSliceMs}) has passed, the world runs what else
     * waits (frames, timers, other actions) before it calls {@code step} again. So no bulk action holds the world for
     * much longer than a slice, however many items it has (issue 17). On the real clock each slice's answer is waited
     * for as {@link #call} waits, not the whole work's. Called on the world thread, it runs every step at once.
     *
     * <p>The default runs every step as one action, for a world without a slice.
     */
    default void runInSlices(BooleanSupplier step) {
        run(() -> {
            while (step.getAsBoolean()) {
                // one more piece
            }
        });
    }

    /** True when the current thread is the world's thread. */
    boolean inWorld();

    /** Actions posted and not yet run. */
    int queueDepth();

    ClockMode clockMode();

    /**
     * Under the virtual clock, runs the world forward by {@code nanos}: every timer due in that span fires in deadline
     * order, with kernel time set to each deadline in turn. Waits for the advance to finish, however long it takes.
     *
     * @throws IllegalStateException under the real clock
     * @throws IllegalArgumentException for a negative span
     */
    AdvanceReport advance(long nanos);
}
