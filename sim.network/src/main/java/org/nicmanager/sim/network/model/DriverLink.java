package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * What a simulated card needs to reach the kernel as a real driver does: the world its NIC belongs to and the rings
 * into it (the driver contract, DESIGN.md section 3a).
 */
record DriverLink(NetworkWorld world, DriverRings rings) {

    DriverLink {
        if (world == null || rings == null) {
            throw new IllegalArgumentException("a simulated card needs a network world and its driver rings");
        }
    }
}
