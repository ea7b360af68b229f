package org.nicmanager.kernel.api.sim;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver bundle for simulated cards, registered as a service with {@link #MODEL_PROPERTY}. {@code hw:nic add
 * --model M} finds the driver for M here; without one the command is refused.
 */
@ConsumerType
public interface SimulatedNicDriver {

    /** Service property: the model name, e.g. {@code e1000}. */
    String MODEL_PROPERTY = "nic.model";

    NicModel model();

    /**
     * Creates a card of this driver's model cabled to {@code switchName}, and registers it as a NIC service of the
     * driver's bundle. Returns once the NIC service is registered.
     *
     * @throws IllegalArgumentException as {@link SimulatedWorld#createCard}; nothing changes
     */
    void addCard(String name, String switchName);
}
