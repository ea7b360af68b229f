package org.nicmanager.nicmanager;

import org.nicmanager.kernel.api.resource.ResourceManager;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.engine.Gate;
import org.nicmanager.nicmanager.engine.Gates;

/**
 * The kernel-integrated NIC manager's gates: the resource manager's scheduler in front of every bond and unbonded NIC
 * (patent Figure 5, steps 806-810), so each VM gets its shares, reservation and limit; {@link ResourceRoundTrip} is
 * the way there and back. The loadable variant has none of this: its VMs' frames go straight to the bond, with no
 * per-VM guarantees.
 */
final class ResourceGates implements Gates {

    private final ResourceManager resources;

    ResourceGates(ResourceManager resources) {
        this.resources = resources;
    }

    @Override
    public Gate open(Bond bond) {
        return new ResourceRoundTrip(bond, resources);
    }

    @Override
    public void close(Bond bond) {
        resources.close(bond.name());
    }
}
