package org.nicmanager.kernel.api.resource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The resource manager (patent [0083], [0111]-[0119]): the kernel-integrated NIC manager puts one {@link UplinkScheduler}
 * in front of each bond or unbonded NIC its VMs send through, so that every outgoing frame gets its send / queue / drop
 * decision (Figure 5, steps 806-810). Call on the network world's thread.
 */
@ProviderType
public interface ResourceManager {

    /**
     * Opens the scheduler for an uplink. The NIC manager calls it when the bond (or unbonded NIC) is created, and gives
     * the uplink's side of the contract.
     *
     * @throws IllegalArgumentException when a scheduler for that uplink is already open
     */
    UplinkScheduler open(String uplink, UplinkPort port);

    /**
     * Closes an uplink's scheduler: the frames still queued in it are released and counted as dropped with
     * {@link org.nicmanager.kernel.api.frame.DropReason#NO_MEMBER_AVAILABLE}. Unknown uplinks are ignored.
     */
    void close(String uplink);
}
