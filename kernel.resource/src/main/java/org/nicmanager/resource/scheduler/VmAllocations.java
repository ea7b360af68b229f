package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.resource.NetworkAllocation;

/** Where a scheduler learns, when a VM connects, its allocation and whether it is suspended. World thread. */
public interface VmAllocations {

    /** The VM's allocation, valid by {@code AllocationRules}; the defaults when none is configured. */
    NetworkAllocation allocationOf(String vm);

    boolean suspended(String vm);
}
