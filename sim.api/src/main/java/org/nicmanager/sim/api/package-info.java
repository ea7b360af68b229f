/**
 * The simulated physical world's contract (sim.network) with the driver bundles of simulated cards (e100sim,
 * e1000sim). The world owns the hardware model shared by every simulated card: transmit ring, serialisation at line
 * rate, carrier, counters. A driver bundle supplies its {@link org.nicmanager.sim.api.NicModel} and registers
 * each card it creates as a {@link org.nicmanager.kernel.api.nic.PhysicalNic} service from its own bundle, so that
 * stopping the driver removes its NICs (patent step 752 in reverse).
 */
@Export
@Version("1.0.0")
package org.nicmanager.sim.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
