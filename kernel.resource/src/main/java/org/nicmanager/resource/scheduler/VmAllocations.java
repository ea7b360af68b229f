package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.resource.NetworkAllocation;

/** Where a scheduler learns, when a VM connects, its allocation and whether it is suspended. World thread. */
public interface VmAllocations {

    /** The VM's allocation, valid by {@code AllocationRules}; the defaults when none is configured. */
    NetworkAllocation allocationOf(String vm);

    boolean suspended(String vm);

    /** Whether this host must not send for the VM: a cluster VM it does not own now (issue 16); false when standalone. */
    default boolean fenced(String vm) {
        return false;
    }
}
