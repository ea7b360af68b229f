package org.nicmanager.kernel.core.world;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** An action posted to the world from outside, with the future its poster may wait on. */
final class PostedAction<T> {

    final CompletableFuture<T> future = new CompletableFuture<>();
    private final Supplier<T> action;

    PostedAction(Supplier<T> action) {
        this.action = action;
    }

    /** Runs the action unless its poster gave up (timed out or cancelled) first, so a late action changes nothing. */
    void run() {
        if (future.isDone()) {
            return;
        }
        try {
            future.complete(action.get());
        } catch (Throwable failure) {
            // Not swallowed: the poster receives it through the future.
            future.completeExceptionally(failure);
        }
    }

    void reject(String reason) {
        future.completeExceptionally(new IllegalStateException(reason));
    }
}
