package org.nicmanager.operator.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.operator.testing.Fakes;
import org.osgi.service.event.Event;

/**
 * The timeline's configuration: a bad capacity is refused with a line naming the file, the key, the value and what is
 * allowed, and an event; the ring keeps its capacity and its history. A good one resizes the ring in place.
 */
class EventTimelineConfigTest {

    private static final String PATH = "/etc/nicmgr/conf/org.nicmanager.operator.timeline.cfg";
    private static final String FILE = "file:" + PATH;

    private final List<String> log = new ArrayList<>();
    private final List<Event> posted = new ArrayList<>();
    private final KernelClock clock = Fakes.of(KernelClock.class, (name, args) -> 0L);

    private EventTimeline timeline(Map<String, Object> properties) {
        return new EventTimeline(properties, clock, Fakes.events(posted), Fakes.logger(log));
    }

    private static Map<String, Object> config(Object capacity) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("felix.fileinstall.filename", FILE);
        properties.put(EventTimeline.CAPACITY_KEY, capacity);
        return properties;
    }

    private static void events(EventTimeline timeline, int count) {
        for (int i = 0; i < count; i++) {
            timeline.handleEvent(new Event("nicmgr/vm/STARTED", Map.of("vm", "vm" + i, "time", (long) i)));
        }
    }

    @Test
    void aValueThatIsNotANumberIsRefusedAndTheHistoryStays() {
        EventTimeline timeline = timeline(config("50"));
        events(timeline, 30);

        timeline.modified(config("lots"));

        assertEquals(50, timeline.ring().capacity());
        assertEquals(30, timeline.ring().after(0, 100).size(), "the history is kept");
        assertEquals(1, log.size(), String.valueOf(log));
        assertEquals("ERROR configuration org.nicmanager.operator.timeline (" + PATH + ") refused: capacityEvents ="
                + " \"lots\" is not allowed; allowed: a whole number from 1 to 1000000; the settings in force stay"
                + " (the timeline keeps capacityEvents 50)", log.get(0));
        assertEquals(1, posted.size());
        Event refused = posted.get(0);
        assertEquals(ConfigurationRefused.TOPIC, refused.getTopic());
        assertEquals(EventTimeline.PID, refused.getProperty("pid"));
        assertEquals(PATH, refused.getProperty("file"));
        assertEquals("capacityEvents", refused.getProperty("key"));
        assertEquals("\"lots\"", refused.getProperty("value"));
        assertEquals("a whole number from 1 to 1000000", refused.getProperty("allowed"));

        timeline.handleEvent(refused);
        TimelineEntry shown = timeline.ring().after(0, 100).get(30);
        assertEquals(EventTimeline.PID, shown.subject(), "the timeline shows a refusal as about its configuration");
    }

    @Test
    void bothBoundsAreChecked() {
        EventTimeline timeline = timeline(config(20));
        for (Object bad : List.of(0, -1, "0", 1_000_001, "2147483648", 3.5, true)) {
            timeline.modified(config(bad));
            assertEquals(20, timeline.ring().capacity(), "after " + bad);
        }
        assertEquals(7, posted.size());
        timeline.modified(config(1));
        assertEquals(1, timeline.ring().capacity());
        timeline.modified(config(1_000_000));
        assertEquals(1_000_000, timeline.ring().capacity());
    }

    @Test
    void aGoodValueResizesKeepingTheNewestEvents() {
        EventTimeline timeline = timeline(config(100));
        events(timeline, 10);

        timeline.modified(config("4"));

        assertEquals(4, timeline.ring().capacity());
        assertEquals(List.of("vm6", "vm7", "vm8", "vm9"), timeline.ring().after(0, 100).stream()
                .map(TimelineEntry::subject).toList());
        events(timeline, 1);
        assertEquals(4, timeline.ring().after(0, 100).size());
        assertTrue(log.isEmpty(), String.valueOf(log));
    }

    @Test
    void aBadValueAtStartLeavesTheDefaultAndSaysSo() {
        EventTimeline timeline = timeline(config("lots"));

        assertEquals(EventTimeline.DEFAULT_CAPACITY_EVENTS, timeline.ring().capacity());
        assertTrue(log.get(0).endsWith("keeps capacityEvents " + EventTimeline.DEFAULT_CAPACITY_EVENTS + ")"), log.get(0));
    }

    @Test
    void noConfigurationMeansTheDefault() {
        assertEquals(EventTimeline.DEFAULT_CAPACITY_EVENTS, timeline(Map.of()).ring().capacity());
        assertTrue(log.isEmpty());
    }
}
