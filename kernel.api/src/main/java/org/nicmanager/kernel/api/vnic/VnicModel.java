package org.nicmanager.kernel.api.vnic;

import java.util.List;

/**
 * An emulated NIC model and its limits: the largest MTU its guest driver may use, the depth of its transmit and
 * receive queues, and the link speed the guest's driver reports, at which a guest's back-to-back bursts leave it.
 *
 * @param lineRateBps the emulated link speed in bits per second (frame bytes, as the kernel counts them)
 */
public record VnicModel(String name, int mtuBytes, int txQueueFrames, int rxQueueFrames, long lineRateBps) {

    /** Like an Intel 8254x: jumbo frames, deep rings, 1 Gb/s. */
    public static final VnicModel E1000 = new VnicModel("e1000", 9000, 256, 256, 1_000_000_000L);
    /** Like an AMD PCnet-FAST: standard frames, shallow rings, 100 Mb/s. */
    public static final VnicModel PCNET = new VnicModel("pcnet", 1500, 32, 32, 100_000_000L);

    public static final List<VnicModel> ALL = List.of(E1000, PCNET);

    /** @throws IllegalArgumentException naming the value and the models there are */
    public static VnicModel fromName(String name) {
        return ALL.stream().filter(model -> model.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown virtual NIC model '" + name + "'; allowed: e1000, pcnet"));
    }
}
