package org.nicmanager.sim.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver bundle for simulated cards announces its model by registering this service (whiteboard), with
 * {@link #MODEL_PROPERTY}. The simulated world then acts as an extender for that bundle: it builds the cards configured
 * for the model (or added with {@code hw:nic add --model M}) and registers each as a
 * {@link org.nicmanager.kernel.api.nic.PhysicalNic} service in the driver's own bundle, so that stopping or
 * uninstalling the driver removes its NICs, and starting it again brings them back. Without a driver for a model,
 * {@code hw:nic add} refuses that model.
 */
@ConsumerType
public interface SimulatedNicDriver {

    /** Service property: the model name, e.g. {@code e1000}. */
    String MODEL_PROPERTY = "nic.model";

    NicModel model();
}
