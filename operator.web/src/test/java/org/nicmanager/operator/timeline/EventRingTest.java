package org.nicmanager.operator.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventRingTest {

    @Test
    void keepsTheNewestEventsButCountsEveryOne() {
        EventRing ring = new EventRing(2);
        ring.add(10, "nicmgr/hw/UNPLUGGED", "vmnic0", Map.of());
        ring.add(20, "nicmgr/bond/FAILOVER", "bond0", Map.of("nic.name", "vmnic0"));
        ring.add(30, "nicmgr/hw/PLUGGED", "vmnic0", Map.of());

        List<TimelineEntry> kept = ring.since(0);
        assertEquals(List.of(2L, 3L), kept.stream().map(TimelineEntry::sequence).toList());
        assertEquals("FAILOVER", kept.get(0).kind());
        assertEquals(Map.of("nicmgr/bond/FAILOVER", 1L, "nicmgr/hw/PLUGGED", 1L, "nicmgr/hw/UNPLUGGED", 1L),
                ring.countByTopic());
    }

    @Test
    void selectsByKernelTimeAndBySequence() {
        EventRing ring = new EventRing(10);
        for (int i = 1; i <= 5; i++) {
            ring.add(i * 100L, "nicmgr/vm/STARTED", "vm" + i, Map.of());
        }
        assertEquals(List.of("vm3", "vm4", "vm5"), ring.since(300).stream().map(TimelineEntry::subject).toList());
        assertEquals(List.of("vm4", "vm5"), ring.after(3, 10).stream().map(TimelineEntry::subject).toList());
        assertEquals(List.of("vm5"), ring.after(0, 1).stream().map(TimelineEntry::subject).toList(),
                "a limit keeps the newest");
        assertTrue(ring.after(5, 10).isEmpty());
    }

    @Test
    void refusesAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new EventRing(0));
    }

    @Test
    void kernelTimesAreNanosecondsOrSpansWithAUnit() {
        assertEquals(1_500_000_000L, KernelTimeArgument.parse("--since", "1.5s"));
        assertEquals(42L, KernelTimeArgument.parse("--since", "42"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> KernelTimeArgument.parse("--since", "yesterday"));
        assertEquals("bad --since 'yesterday': a kernel time, in nanoseconds (e.g. 1500000000) or with a unit ns, us,"
                + " ms, s, m or h (e.g. 1.5s, 200ms)", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelTimeArgument.parse("--since", "-3s"));
    }

    @Test
    void resizingKeepsTheNewestAndTheCounts() {
        EventRing ring = new EventRing(10);
        for (int i = 1; i <= 6; i++) {
            ring.add(i, "nicmgr/vm/STARTED", "vm" + i, Map.of());
        }
        ring.resize(3);
        assertEquals(List.of("vm4", "vm5", "vm6"), ring.since(0).stream().map(TimelineEntry::subject).toList());
        ring.resize(5);
        ring.add(7, "nicmgr/vm/STARTED", "vm7", Map.of());
        assertEquals(List.of("vm4", "vm5", "vm6", "vm7"), ring.since(0).stream().map(TimelineEntry::subject)
                .toList(), "growing drops nothing");
        assertEquals(Map.of("nicmgr/vm/STARTED", 7L), ring.countByTopic());
        assertThrows(IllegalArgumentException.class, () -> ring.resize(0));
        assertEquals(5, ring.capacity());
    }
}
