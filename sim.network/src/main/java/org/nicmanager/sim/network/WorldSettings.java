package org.nicmanager.sim.network;

import org.nicmanager.sim.network.model.SimSettings;

/**
 * What a simulated world is built from, checked: a service of this bundle, registered by
 * {@link SimulatedNetworkConfiguration} and replaced when a good configuration changes it.
 *
 * @param model the physical constants and limits
 * @param seed the seed of the world's randomness
 */
public record WorldSettings(SimSettings model, long seed) {
}
