package org.nicmanager.sim.api;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.osgi.annotation.versioning.ProviderType;

/** A simulated card made by the world: the hardware model behind a driver's NIC. */
@ProviderType
public interface SimulatedCard extends PhysicalNic {

    NicModel model();

    /** The switch port this card is cabled to, e.g. {@code swA/3}. */
    String attachment();
}
