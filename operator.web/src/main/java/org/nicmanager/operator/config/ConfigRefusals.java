package org.nicmanager.operator.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * Tells the operator about a refused configuration: one log line naming the file, the key, the value and what is
 * allowed (control characters escaped), and a {@value #REFUSED} event for the timeline.
 */
public final class ConfigRefusals {

    /** The event of a refused configuration; its subject is the configuration's PID. */
    public static final String REFUSED = "nicmgr/config/REFUSED";

    private final Logger logger;
    private final EventAdmin events;

    public ConfigRefusals(Logger logger, EventAdmin events) {
        this.logger = logger;
        this.events = events;
    }

    /** @param kept what the component goes on with, e.g. "keeps capacityEvents 10000" */
    public void refused(BadConfiguration bad, String kept) {
        logger.error("{}; the configuration is refused and the component {}", bad.getMessage(), kept);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("subject", bad.pid());
        if (bad.file() != null) {
            properties.put("file", bad.file());
        }
        properties.put("key", bad.key());
        properties.put("value", bad.value());
        properties.put("allowed", bad.allowed());
        events.postEvent(new Event(REFUSED, properties));
    }
}
