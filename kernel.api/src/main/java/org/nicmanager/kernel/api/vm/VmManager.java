package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The VM manager's lifecycle operations. A VM's state moves CREATED -> RUNNING -> STOPPED -> RUNNING ...; a forbidden
 * step is refused with an {@link IllegalArgumentException} naming the VM's state and what the step needs, and changes
 * nothing. Suspend, resume and migrate come with the DoS defence.
 */
@ProviderType
public interface VmManager extends VmRegistry {

    /** @param priority network priority, {@link Priority#LOWEST}..{@link Priority#HIGHEST} */
    VmInfo create(String name, int priority);

    VmInfo start(String name);

    VmInfo stop(String name);

    /** Removes a VM that is not running. */
    void delete(String name);

    /** Attaches a virtual NIC's description (the device itself lives in the VMM). */
    VmInfo attachVnic(String vmName, VnicInfo vnic);
}
