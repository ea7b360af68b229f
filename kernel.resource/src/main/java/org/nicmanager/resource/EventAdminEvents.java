package org.nicmanager.resource;

import java.util.HashMap;
import java.util.Map;

import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.resource.scheduler.ResourceEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Hands the schedulers' announcements to EventAdmin, stamped with kernel time; posting is asynchronous. */
final class EventAdminEvents implements ResourceEvents {

    private final EventAdmin eventAdmin;
    private final KernelClock clock;

    EventAdminEvents(EventAdmin eventAdmin, KernelClock clock) {
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    @Override
    public void post(String topic, String subject, String uplink, String details, Map<String, Object> numbers) {
        Map<String, Object> properties = new HashMap<>(numbers);
        properties.put(ResourceTopics.SUBJECT, subject);
        if (uplink != null) {
            properties.put(ResourceTopics.UPLINK, uplink);
        }
        properties.put(ResourceTopics.DETAILS, details);
        properties.put(ResourceTopics.TIME, clock.nanoTime());
        eventAdmin.postEvent(new Event(topic, properties));
    }
}
