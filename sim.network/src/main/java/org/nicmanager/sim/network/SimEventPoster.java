package org.nicmanager.sim.network;

import java.util.HashMap;
import java.util.Map;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.sim.api.SimTopics;
import org.nicmanager.sim.network.model.SimEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Hands the model's physical events to EventAdmin. The model calls it on the world thread; posting is asynchronous, so
 * the world never waits for a handler.
 */
final class SimEventPoster implements SimEvents {

    private final EventAdmin eventAdmin;
    private final KernelClock clock;

    SimEventPoster(EventAdmin eventAdmin, KernelClock clock) {
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Override
    public void post(String topic, String subject, String fault) {
        Map<String, Object> properties = new HashMap<>();
        if (subject != null) {
            properties.put(SimTopics.SUBJECT, subject);
        }
        if (fault != null) {
            properties.put(SimTopics.FAULT, fault);
        }
        properties.put(SimTopics.TIME, clock.nanoTime());
        eventAdmin.postEvent(new Event(topic, properties));
    }
}
