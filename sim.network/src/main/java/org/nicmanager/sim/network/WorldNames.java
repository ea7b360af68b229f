package org.nicmanager.sim.network;

import java.util.List;

import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.sim.network.model.PhysicalWorld;

/**
 * The simulated world's names as the name directory reads them: a snapshot, rebuilt on the world thread at the end of
 * an action that added or removed a switch, NIC or host, and read by reference from any thread.
 */
public final class WorldNames {

    /** Who owns these names in the directory. */
    public static final String OWNER = "sim.network";

    /** World-owned: the model's names version the snapshot was built at. */
    private long builtAt = -1;
    private volatile List<NameEntry> snapshot = List.of();

    /** On the world thread, after an action on {@code model}. */
    void refresh(PhysicalWorld model) {
        long version = model.namesVersion();
        if (version != builtAt) {
            snapshot = model.names(OWNER);
            builtAt = version;
        }
    }

    List<NameEntry> snapshot() {
        return snapshot;
    }
}
