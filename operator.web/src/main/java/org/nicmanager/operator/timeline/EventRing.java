package org.nicmanager.operator.timeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most recent events, at most {@code capacity}: the oldest goes when a new one comes. Also counts every event by
 * topic, including those the ring has let go. Thread-safe; events are control-plane news, a few per second at most.
 */
public final class EventRing {

    private int capacity;
    private final ArrayDeque<TimelineEntry> entries;
    private final Map<String, Long> countByTopic = new TreeMap<>();
    private long lastSequence;

    public EventRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an event ring holds at least 1 event, not " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized TimelineEntry add(long time, String topic, String subject, Map<String, Object> details) {
        TimelineEntry entry = new TimelineEntry(++lastSequence, time, topic, subject, details);
        if (entries.size() >= capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
        countByTopic.merge(topic, 1L, Long::sum);
        return entry;
    }

    /** Events at or after kernel time {@code sinceNanos}, oldest first. */
    public synchronized List<TimelineEntry> since(long sinceNanos) {
        List<TimelineEntry> found = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            if (entry.time() >= sinceNanos) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Events that arrived after the one numbered {@code sequence}, oldest first, at most {@code limit} (the newest). */
    public synchronized List<TimelineEntry> after(long sequence, int limit) {
        List<TimelineEntry> found = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            if (entry.sequence() > sequence) {
                found.add(entry);
            }
        }
        return found.size() <= limit ? found : new ArrayList<>(found.subList(found.size() - limit, found.size()));
    }

    /** Every event seen, by topic, since the ring was made. */
    public synchronized Map<String, Long> countByTopic() {
        return new TreeMap<>(countByTopic);
    }

    public synchronized int capacity() {
        return capacity;
    }

    /** Holds at most {@code newCapacity} events from now on; when it shrinks, the oldest go, the newest stay. */
    public synchronized void resize(int newCapacity) {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("an event ring holds at least 1 event, not " + newCapacity);
        }
        while (entries.size() > newCapacity) {
            entries.removeFirst();
        }
        capacity = newCapacity;
    }
}
