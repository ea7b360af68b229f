package org.nicmanager.sim.network.model;

/**
 * Where the world reports physical events ({@link org.nicmanager.sim.api.SimTopics}: UNPLUGGED, PLUGGED,
 * FAILED, REPAIRED, FLOOD_STARTED, FLOOD_ENDED). Called on the world thread at the moment of the event; the OSGi
 * component adapts it to EventAdmin and adds the kernel time.
 */
@FunctionalInterface
public interface SimEvents {

    /**
     * @param topic a {@link org.nicmanager.sim.api.SimTopics} topic
     * @param subject the card, host or flood target concerned
     * @param fault HARDWARE or RING for FAILED and REPAIRED, the flood kind (UDP, SYN, BROADCAST) for floods, else
     *            {@code null}
     */
    void post(String topic, String subject, String fault);
}
