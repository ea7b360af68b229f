package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every lifecycle step at the moment it happens (whiteboard): called on the network world's thread inside the
 * step itself, before the step is announced on EventAdmin. So a suspended VM's devices stop in the same kernel instant
 * as the VM, which an asynchronous event cannot promise under virtual time.
 */
@ConsumerType
public interface VmLifecycleListener {

    /** The VM moved from {@code previous} to {@code vm.state()}. */
    void stateChanged(VmInfo vm, VmState previous);

    /**
     * The VM was deleted; {@code vm} is its last record. What a listener kept for it (an allocation, a policy) goes
     * with it, so that a new VM of the same name starts afresh.
     */
    default void deleted(VmInfo vm) {
    }
}
