package org.nicmanager.dos.engine;

import java.util.function.Supplier;

/** Applies one kind of response for a victim; world thread. */
public interface Responder {

    /**
     * What a response did, and how to undo it.
     *
     * @param undo undoes it and says what it did; null when there is nothing to undo
     */
    record Outcome(String details, Supplier<String> undo) {
    }

    /** @throws IllegalArgumentException when it cannot be done, saying why */
    Outcome apply(Victim victim);
}
