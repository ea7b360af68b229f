package org.nicmanager.host.launcher.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue 18 point 8: markers stay readable when several events fall together. The layout's promise, checked without
 * drawing: the tags of two groups are never closer than a tag's width, however many events coincide, and every
 * notable event is in the legend once.
 */
class MarkerLayoutTest {

    private static final long MS = 1_000_000L;
    private static final long SPAN = 6_000 * MS;
    private static final double PLOT = 1_000;
    private static final double TAG = 28;

    private static Marker event(long time, String kind, String subject) {
        return new Marker(time, "nicmgr/test/" + kind, subject, null);
    }

    private static double pixels(long nanos) {
        return nanos * PLOT / SPAN;
    }

    private static void assertNoTagsOverlap(List<MarkerLayout.Group> groups) {
        for (int i = 1; i < groups.size(); i++) {
            double gap = pixels(groups.get(i).time() - groups.get(i - 1).time());
            assertTrue(gap >= TAG, "tags " + groups.get(i - 1).tag() + " and " + groups.get(i).tag() + " are only "
                    + gap + " px apart");
        }
    }

    @Test
    void coincidentEventsShareOneTagAndAreAllInItsLegendLine() {
        for (int n : new int[] {1, 2, 5, 12, 40}) {
            List<Marker> markers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                markers.add(event(2_010 * MS, "RESPONSE", "vm" + i));
            }
            List<MarkerLayout.Group> groups = MarkerLayout.groups(markers, SPAN, PLOT, TAG);
            assertEquals(1, groups.size(), n + " coincident events");
            assertEquals(n, groups.get(0).events().size());
            assertEquals("1", groups.get(0).tag());
            for (int i = 0; i < n; i++) {
                assertTrue(groups.get(0).legendLine().contains("RESPONSE vm" + i), groups.get(0).legendLine());
            }
        }
    }

    @Test
    void eventsCloserThanATagGroupAndFartherOnesGetTheirOwnTagNeverOverlapping() {
        List<Marker> markers = new ArrayList<>();
        // A burst every 10 ms for 300 ms (under 2 px apart each), then events 30 px apart, then a near pair.
        for (int i = 0; i < 30; i++) {
            markers.add(event(2_000 * MS + i * 10 * MS, "DETECTED", "vm" + i));
        }
        markers.add(event(4_000 * MS, "FLOOD_ENDED", "02:00:00:00:0a:01"));
        markers.add(event(4_180 * MS, "ENDED", "vmA"));
        markers.add(event(4_190 * MS, "RESUMED", "vmC"));
        List<MarkerLayout.Group> groups = MarkerLayout.groups(markers, SPAN, PLOT, TAG);
        assertNoTagsOverlap(groups);
        assertEquals(markers.size(), groups.stream().mapToInt(group -> group.events().size()).sum(),
                "every event is in the legend once");
        assertEquals(List.of(2_000 * MS, 2_170 * MS, 4_000 * MS, 4_180 * MS), groups.stream()
                .map(MarkerLayout.Group::time).toList(), "a group spans less than a tag's width");
        assertEquals(List.of("1", "2", "3", "4"), groups.stream().map(MarkerLayout.Group::tag).toList());
    }

    @Test
    void setUpEventsAreLeftOutAndRepeatsAreCounted() {
        List<Marker> markers = List.of(event(0, "CREATED", "bond0"), event(3_000 * MS, "RESPONSE_UNDONE", "vmA"),
                event(3_000 * MS, "RESPONSE_UNDONE", "vmA"), event(3_000 * MS, "RESUMED", "vmC"),
                event(3_000 * MS, "RESPONSE_UNDONE", "vmA"));
        List<MarkerLayout.Group> groups = MarkerLayout.groups(markers, SPAN, PLOT, TAG);
        assertEquals(1, groups.size());
        assertEquals("1  3s  RESPONSE_UNDONE vmA \u00d73, RESUMED vmC", groups.get(0).legendLine());
    }

    @Test
    void aMeaninglessGeometryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MarkerLayout.groups(List.of(), 0, PLOT, TAG));
        assertThrows(IllegalArgumentException.class, () -> MarkerLayout.groups(List.of(), SPAN, 0, TAG));
    }
}
