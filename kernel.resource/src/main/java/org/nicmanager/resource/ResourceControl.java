package org.nicmanager.resource;

import java.util.List;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.WhatIf;

/**
 * The resource manager as its commands and configurations use it, inside this bundle. Each call runs on the network
 * world; a refusal is an {@link IllegalArgumentException} naming the bad value, and changes nothing.
 */
public interface ResourceControl {

    /** Applies and saves a change of a VM's allocation. */
    AllocationView allocate(String vm, AllocationChange change);

    AllocationView show(String vm);

    List<UplinkUsage> usage(long windowNanos);

    List<WhatIf> whatIf(List<String> nics);

    /** A VM's allocation configuration was created or changed; {@code revision} 0 when written by hand. */
    void configured(String vm, NetworkAllocation allocation, boolean priorityGiven, long revision);

    /** A VM's allocation configuration was deleted. */
    void unconfigured(String vm);
}
