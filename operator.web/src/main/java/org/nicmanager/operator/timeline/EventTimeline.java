package org.nicmanager.operator.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The host's event timeline: every {@code nicmgr/*} event (links, failovers, failbacks, VMs, floods, and whatever
 * topics later features post) in a bounded ring, stamped with kernel-clock time. Events are control-plane news and
 * arrive asynchronously; nothing here runs on the frame path.
 *
 * <p>A changed configuration resizes the ring in place and keeps its history. A bad one (a capacity that is not a
 * whole number in range) is refused with a log line and a {@link ConfigurationRefused#TOPIC} event, and the ring keeps
 * its last good capacity: the configuration is read here, not converted by DS, so that it cannot take the timeline
 * (and the dashboard and metrics that need it) away.
 */
@Component(service = {EventTimeline.class, EventHandler.class}, immediate = true, configurationPid = EventTimeline.PID,
        property = EventConstants.EVENT_TOPIC + "=" + EventTimeline.TOPICS)
@Designate(ocd = EventTimeline.Config.class)
public final class EventTimeline implements EventHandler {

    public static final String PID = "org.nicmanager.operator.timeline";
    static final String TOPICS = "nicmgr/*";
    public static final int DEFAULT_CAPACITY_EVENTS = 10_000;
    static final String CAPACITY_KEY = "capacityEvents";
    /** About 200 bytes an event: a million is some 200 MB, the most a host should give its timeline. */
    public static final int MAX_CAPACITY_EVENTS = 1_000_000;

    /**
     * Property keys that name what an event is about, most specific first; the first present is its subject. A refused
     * configuration ({@link ConfigurationRefused#eventProperties()}) is about its PID.
     */
    private static final List<String> SUBJECT_KEYS = List.of("subject", "vm", "bond.name", "nic.name", "target",
            "name", "pid");
    private static final String TIME_KEY = "time";

    @ObjectClassDefinition(name = "NIC Manager event timeline",
            description = "Keeps the most recent state-change events (nicmgr/*) for the events command, the dashboard"
                    + " and the metrics.")
    public @interface Config {

        @AttributeDefinition(name = "Capacity (events)", description = "How many of the most recent events are kept.",
                min = "1", max = "" + MAX_CAPACITY_EVENTS)
        int capacityEvents() default DEFAULT_CAPACITY_EVENTS;
    }

    private final KernelClock clock;
    private final EventAdmin events;
    private final Logger logger;
    private final EventRing ring;

    @Activate
    public EventTimeline(Map<String, Object> properties, @Reference KernelClock clock, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.clock = clock;
        this.events = events;
        this.logger = logger;
        this.ring = new EventRing(DEFAULT_CAPACITY_EVENTS);
        modified(properties);
    }

    /** A new configuration: a good capacity resizes the ring, keeping its newest events; a bad one changes nothing. */
    @Modified
    void modified(Map<String, Object> properties) {
        try {
            ring.resize(new ConfigurationCheck(PID, properties).intIn(CAPACITY_KEY, DEFAULT_CAPACITY_EVENTS, 1,
                    MAX_CAPACITY_EVENTS));
        } catch (ConfigurationRefused refused) {
            logger.error("{} (the timeline keeps {} {})", refused.getMessage(), CAPACITY_KEY, ring.capacity());
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
        }
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
        String subject = subjectKey == null ? null : String.valueOf(event.getProperty(subjectKey));
        ring.add(nanos, event.getTopic(), subject, details);
    }

    /**
     * Numbers, text and booleans as they are, a collection as a list of such (JSON: an array, e.g. the VMs a response
     * suspended); anything else as its text.
     */
    private static Object plain(Object value) {
        if (value instanceof java.util.Collection<?> values) {
            return values.stream().map(EventTimeline::plain).toList();
        }
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
