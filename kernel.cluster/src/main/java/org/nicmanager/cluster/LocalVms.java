package org.nicmanager.cluster;

import java.util.List;

/**
 * This host's own VM services as the cluster drives them (issue 16): the cluster mirrors its records into them, and
 * they keep working from their local view. Called on the cluster's worker thread, except {@link #fence}, which a lost
 * session calls at once from ZooKeeper's event thread.
 */
public interface LocalVms {

    /** Every VM this host knows, as a definition. */
    List<VmDefinition> definitions();

    /** Whether the VM runs here (running or suspended). */
    boolean running(String vm);

    /** Creates the VM here, or brings its allocation in line with the definition. */
    void define(VmDefinition definition);

    /** Deletes the VM here (stopping it first if it runs). */
    void remove(String vm);

    void start(String vm);

    void stop(String vm);

    /** {@code fenced}: this host must not send for the VM; false: it is confirmed as its owner. */
    void fence(String vm, boolean fenced);
}
