package org.nicmanager.host.launcher.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.lib.units.TimeSpan;

/**
 * Where the chart's event markers go, so that they stay readable when several fall together: notable events closer in
 * time than one tag's width on the chart become one group, drawn as one line with one short numbered tag ("1", "2",
 * ...); the legend below the chart says what each group holds. Tags are therefore at least a tag's width apart, however
 * many events coincide, and the legend has one line per group.
 */
final class MarkerLayout {

    /** One numbered group of events: its line's time (the first event's) and the events, as legend text. */
    record Group(int number, long time, List<String> events) {

        public Group {
            events = List.copyOf(events);
        }

        /** The tag on the chart. */
        public String tag() {
            return String.valueOf(number);
        }

        /**
         * The legend's line, its time as {@code events} gives it: {@code 2  2.01s  DETECTED vmA, RESPONSE vmA ×3};
         * repeated labels are counted, not repeated.
         */
        public String legendLine() {
            Map<String, Integer> counted = new LinkedHashMap<>();
            events.forEach(event -> counted.merge(event, 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            counted.forEach((event, count) -> parts.add(count == 1 ? event : event + " \u00d7" + count));
            return number + "  " + TimeSpan.format(time) + "  " + String.join(", ", parts);
        }
    }

    private MarkerLayout() {
    }

    /**
     * Groups the notable markers, in time order.
     *
     * @param spanNanos the time the chart's axis covers
     * @param plotWidthPixels how wide the plot is drawn
     * @param tagWidthPixels the room one tag needs, its gap included: groups' lines are at least this far apart
     */
    static List<Group> groups(List<Marker> markers, long spanNanos, double plotWidthPixels,
            double tagWidthPixels) {
        if (spanNanos <= 0 || plotWidthPixels <= 0 || tagWidthPixels < 0) {
            throw new IllegalArgumentException("span " + spanNanos + " ns, plot " + plotWidthPixels + " px and tag "
                    + tagWidthPixels + " px must be above 0");
        }
        double nanosPerPixel = spanNanos / plotWidthPixels;
        long closest = (long) Math.ceil(tagWidthPixels * nanosPerPixel);
        List<Marker> notable = markers.stream().filter(Marker::notable)
                .sorted(java.util.Comparator.comparingLong(Marker::time)).toList();
        List<Group> groups = new ArrayList<>();
        long groupTime = Long.MIN_VALUE;
        List<String> events = new ArrayList<>();
        for (Marker marker : notable) {
            if (!events.isEmpty() && marker.time() - groupTime >= closest) {
                groups.add(new Group(groups.size() + 1, groupTime, events));
                events = new ArrayList<>();
            }
            if (events.isEmpty()) {
                groupTime = marker.time();
            }
            events.add(marker.label());
        }
        if (!events.isEmpty()) {
            groups.add(new Group(groups.size() + 1, groupTime, events));
        }
        return groups;
    }
}
