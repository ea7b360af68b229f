package org.nicmanager.dos.engine;

import java.util.Map;
import java.util.function.Supplier;

/** Applies one kind of response for a victim; world thread. */
public interface Responder {

    /**
     * What a response did, and how to undo it.
     *
     * @param undo undoes it and says what it did; null when there is nothing to undo
     * @param properties what the response event carries besides its details (e.g. the VMs it suspended)
     */
    record Outcome(String details, Supplier<String> undo, Map<String, Object> properties) {

        public Outcome {
            properties = Map.copyOf(properties);
        }

        public Outcome(String details, Supplier<String> undo) {
            this(details, undo, Map.of());
        }
    }

    /** @throws IllegalArgumentException when it cannot be done, saying why */
    Outcome apply(Victim victim);
}
