package org.nicmanager.kernel.api.nic;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The kernel's record of the physical NICs that drivers have registered. */
@ProviderType
public interface NicInventory {

    /** The NICs present now, sorted by name. */
    List<NicInfo> nics();

    /** The NIC of that name, if present. Call on the world thread. */
    Optional<PhysicalNic> nic(String name);
}
