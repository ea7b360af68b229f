package org.nicmanager.sim.api;

/**
 * What a simulated card is: its model name as typed in {@code hw:nic add --model}, its driver's name, line rate, the
 * largest MTU it carries and its ring sizes. Frames longer than {@code mtuBytes} plus the Ethernet header are dropped
 * and counted by the card.
 */
public record NicModel(String name, String driver, long speedBps, int mtuBytes, int txRingDescriptors,
        int rxRingDescriptors) {

    public NicModel {
        if (name == null || name.isBlank() || driver == null || driver.isBlank()) {
            throw new IllegalArgumentException("a NIC model needs a name and a driver name");
        }
        if (speedBps <= 0 || mtuBytes < 68 || txRingDescriptors < 1 || rxRingDescriptors < 1) {
            throw new IllegalArgumentException("NIC model " + name + ": speed, MTU (at least 68) and rings must be"
                    + " positive");
        }
    }
}
