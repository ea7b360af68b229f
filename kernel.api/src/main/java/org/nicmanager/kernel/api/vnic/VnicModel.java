package org.nicmanager.kernel.api.vnic;

import java.util.List;

/**
 * An emulated NIC model and its limits: the largest MTU its guest driver may use and the depth of its transmit and
 * receive queues.
 */
public record VnicModel(String name, int mtuBytes, int txQueueFrames, int rxQueueFrames) {

    /** Like an Intel 8254x: jumbo frames, deep rings. */
    public static final VnicModel E1000 = new VnicModel("e1000", 9000, 256, 256);
    /** Like an AMD PCnet: standard frames, shallow rings. */
    public static final VnicModel PCNET = new VnicModel("pcnet", 1500, 32, 32);

    public static final List<VnicModel> ALL = List.of(E1000, PCNET);

    /** @throws IllegalArgumentException naming the value and the models there are */
    public static VnicModel fromName(String name) {
        return ALL.stream().filter(model -> model.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown virtual NIC model '" + name + "'; allowed: e1000, pcnet"));
    }
}
