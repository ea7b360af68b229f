package org.nicmanager.drivers.e1000sim;

import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedNicDriver;
import org.osgi.service.component.annotations.Component;

/**
 * The driver of the simulated e1000, a 1 Gb/s card that carries jumbo frames, with larger rings. The simulated world
 * extends this bundle: it builds the configured e1000 cards and registers them as NICs in this bundle's context.
 * Each card reaches the kernel through the driver contract ({@code org.nicmanager.kernel.api.driver}), as a driver
 * with I/O threads of its own would: a receive ring of {@link #RX_RING_DESCRIPTORS} and a transmit ring of
 * {@link #TX_RING_DESCRIPTORS} descriptors, opened on the network world, with completions in ring order.
 */
@Component(property = SimulatedNicDriver.MODEL_PROPERTY + "=" + E1000Driver.MODEL_NAME)
public final class E1000Driver implements SimulatedNicDriver {

    public static final String MODEL_NAME = "e1000";
    public static final String DRIVER_NAME = "e1000sim";
    public static final long SPEED_BPS = 1_000_000_000L;
    /** Jumbo frames. */
    public static final int MTU_BYTES = 9000;
    public static final int TX_RING_DESCRIPTORS = 256;
    public static final int RX_RING_DESCRIPTORS = 256;

    private static final NicModel MODEL = new NicModel(MODEL_NAME, DRIVER_NAME, SPEED_BPS, MTU_BYTES,
            TX_RING_DESCRIPTORS, RX_RING_DESCRIPTORS);

    @Override
    public NicModel model() {
        return MODEL;
    }
}
