package org.nicmanager.operator.timeline;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ops:events} (COMMANDS.md {@code events}): the recent state-change events, oldest first. */
@Component(service = EventCommands.class, property = {"osgi.command.scope=ops", "osgi.command.function=events"})
public final class EventCommands {

    /** The JSON document: {@code {"events":[{"time","topic","subject","details"}]}}. */
    public record EventsDocument(List<EventView> events) {
    }

    /** One event as JSON shows it; {@code time} in kernel nanoseconds, {@code subject} null when it names none. */
    public record EventView(long time, String topic, String subject, Map<String, Object> details) {
    }

    /** What the table shows. */
    public record Events(List<EventRow> events) {
    }

    public record EventRow(String time, String topic, String subject, String details) {
    }

    private final EventTimeline timeline;

    @Activate
    public EventCommands(@Reference EventTimeline timeline) {
        this.timeline = timeline;
    }

    @Descriptor("Recent state-change events (links, failovers, failbacks, VMs, floods), oldest first, with their"
            + " kernel time")
    public Object events(
            @Descriptor("only events at or after this kernel time: nanoseconds, or with a unit (e.g. 1.5s, 200ms)")
            @Parameter(names = "--since", absentValue = "") String since,
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        if (extra.length != 0) {
            throw new IllegalArgumentException("events takes only --since TIME and --json; got '"
                    + String.join(" ", extra) + "'");
        }
        long from = since.isEmpty() ? 0 : KernelTimeArgument.parse("--since", since);
        List<TimelineEntry> entries = timeline.ring().since(from);
        if (json) {
            return new Json(new EventsDocument(entries.stream()
                    .map(entry -> new EventView(entry.time(), entry.topic(), entry.subject(), entry.details()))
                    .toList()));
        }
        return new Events(entries.stream().map(EventCommands::row).toList());
    }

    private static EventRow row(TimelineEntry entry) {
        String details = entry.details().entrySet().stream().map(detail -> detail.getKey() + "=" + detail.getValue())
                .sorted().collect(Collectors.joining(" "));
        return new EventRow(TimeSpan.format(entry.time()), entry.topic(), entry.subject(),
                details.isEmpty() ? "-" : details);
    }
}
