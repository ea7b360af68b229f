package org.nicmanager.kernel.api.names;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's contribution to the {@link NameDirectory} (whiteboard): register one as a service for each set of names
 * the bundle owns. The directory reads every source when a command resolves a name.
 */
@ConsumerType
public interface NameSource {

    /**
     * The names this source owns now. Called from any thread, often a shell's, so it must neither block nor touch
     * world-owned state: answer with an immutable snapshot that the world thread replaces, by reference, when the names
     * change. Returning the same list instance while nothing changed lets the directory keep its index.
     */
    List<NameEntry> names();
}
