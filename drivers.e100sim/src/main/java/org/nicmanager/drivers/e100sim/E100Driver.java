package org.nicmanager.drivers.e100sim;

import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedNicDriver;
import org.osgi.service.component.annotations.Component;

/**
 * The driver of the simulated e100, a 100 Mb/s card with standard frames only and small rings. The simulated world
 * extends this bundle: it builds the configured e100 cards and registers them as NICs in this bundle's context.
 * Each card reaches the kernel through the driver contract ({@code org.nicmanager.kernel.api.driver}), as a driver
 * with I/O threads of its own would: a receive ring of {@link #RX_RING_DESCRIPTORS} and a transmit ring of
 * {@link #TX_RING_DESCRIPTORS} descriptors, opened on the network world, with completions in ring order.
 */
@Component(property = SimulatedNicDriver.MODEL_PROPERTY + "=" + E100Driver.MODEL_NAME)
public final class E100Driver implements SimulatedNicDriver {

    public static final String MODEL_NAME = "e100";
    public static final String DRIVER_NAME = "e100sim";
    public static final long SPEED_BPS = 100_000_000L;
    /** Standard Ethernet: no jumbo frames. */
    public static final int MTU_BYTES = 1500;
    /** Small rings, as on the 8255x family: the card runs out of descriptors first under bursts. */
    public static final int TX_RING_DESCRIPTORS = 64;
    public static final int RX_RING_DESCRIPTORS = 64;

    private static final NicModel MODEL = new NicModel(MODEL_NAME, DRIVER_NAME, SPEED_BPS, MTU_BYTES,
            TX_RING_DESCRIPTORS, RX_RING_DESCRIPTORS);

    @Override
    public NicModel model() {
        return MODEL;
    }
}
