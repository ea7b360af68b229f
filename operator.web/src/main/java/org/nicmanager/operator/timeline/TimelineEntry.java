package org.nicmanager.operator.timeline;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One state-change event as the timeline keeps it.
 *
 * @param sequence the order of arrival, from 1; a dashboard asks for what came after the last one it saw
 * @param time kernel-clock time of the event, in nanoseconds
 * @param topic the EventAdmin topic, e.g. {@code nicmgr/bond/FAILOVER}
 * @param subject what it happened to: a NIC, bond, VM or host; null when the event names none (text: "-")
 * @param details the event's other properties, by name
 */
public record TimelineEntry(long sequence, long time, String topic, String subject, Map<String, Object> details) {

    public TimelineEntry {
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** The last part of the topic, e.g. {@code FAILOVER}. */
    public String kind() {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }
}
