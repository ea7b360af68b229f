package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Moves a VM's virtual NIC to another uplink (what {@code vnic:assign} does), for automatic reactions such as failing a
 * DoS victim over to an alternate uplink set ([0128]). Provided by the VMM's device emulation.
 */
@ProviderType
public interface VnicAssigner {

    /**
     * Moves {@code vnic} to {@code uplink} (a bond or unbonded NIC) and updates the VM manager's record of it.
     *
     * @throws IllegalArgumentException when the virtual NIC is unknown or the NIC manager refuses; the virtual NIC then
     *         stays where it was
     */
    VnicInfo assign(String vnic, String uplink);
}
