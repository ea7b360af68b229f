package org.nicmanager.operator.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.time.KernelClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The host's event timeline: every {@code nicmgr/*} event (links, failovers, failbacks, VMs, floods, and whatever
 * topics later features post) in a bounded ring, stamped with kernel-clock time. Events are control-plane news and
 * arrive asynchronously; nothing here runs on the frame path.
 */
@Component(service = {EventTimeline.class, EventHandler.class}, immediate = true, configurationPid = EventTimeline.PID,
        property = EventConstants.EVENT_TOPIC + "=" + EventTimeline.TOPICS)
@Designate(ocd = EventTimeline.Config.class)
public final class EventTimeline implements EventHandler {

    public static final String PID = "org.nicmanager.operator.timeline";
    static final String TOPICS = "nicmgr/*";
    public static final int DEFAULT_CAPACITY_EVENTS = 10_000;

    /** Property keys that name what an event is about, most specific first; the first present is its subject. */
    private static final List<String> SUBJECT_KEYS = List.of("subject", "vm", "bond.name", "nic.name", "target",
            "name");
    private static final String TIME_KEY = "time";

    @ObjectClassDefinition(name = "NIC Manager event timeline",
            description = "Keeps the most recent state-change events (nicmgr/*) for the events command, the dashboard"
                    + " and the metrics.")
    public @interface Config {

        @AttributeDefinition(name = "Capacity (events)", description = "How many of the most recent events are kept.",
                min = "1")
        int capacityEvents() default DEFAULT_CAPACITY_EVENTS;
    }

    private final KernelClock clock;
    private final EventRing ring;

    @Activate
    public EventTimeline(Config config, @Reference KernelClock clock) {
        if (config.capacityEvents() < 1) {
            throw new IllegalArgumentException("capacityEvents must be at least 1, not " + config.capacityEvents());
        }
        this.clock = clock;
        this.ring = new EventRing(config.capacityEvents());
    }

    @Override
    public void handleEvent(Event event) {
        String subjectKey = SUBJECT_KEYS.stream().filter(key -> event.getProperty(key) != null).findFirst()
                .orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        for (String key : event.getPropertyNames()) {
            if (!key.equals(EventConstants.EVENT_TOPIC) && !key.equals(TIME_KEY) && !key.equals(subjectKey)) {
                details.put(key, plain(event.getProperty(key)));
            }
        }
        Object time = event.getProperty(TIME_KEY);
        long nanos = time instanceof Number number ? number.longValue() : clock.nanoTime();
        String subject = subjectKey == null ? "-" : String.valueOf(event.getProperty(subjectKey));
        ring.add(nanos, event.getTopic(), subject, details);
    }

    /** Numbers, text and booleans as they are; anything else as its text. */
    private static Object plain(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof String ? value
                : String.valueOf(value);
    }

    public EventRing ring() {
        return ring;
    }

    public long now() {
        return clock.nanoTime();
    }
}
