/**
 * The load-distribution policy SPI (patent step 812, [0066]-[0069]): a third party adds a policy by registering a
 * {@link org.nicmanager.kernel.api.distribution.DistributionPolicy} service (whiteboard), as DoS detectors are added.
 * The NIC manager finds policies by name, refuses one whose {@link org.nicmanager.kernel.api.distribution.PolicyNeed}s
 * it cannot give, and makes one {@link org.nicmanager.kernel.api.distribution.BondDistributor} per bond. The
 * distributor picks a member for each outgoing frame from tables it recomputes on control events (members up or down,
 * rebalancing); its per-frame call allocates nothing, locks nothing and logs nothing. Everything a policy sees is a
 * primitive or a small contract type of this package.
 */
@Export
@Version("1.0.0")
package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
