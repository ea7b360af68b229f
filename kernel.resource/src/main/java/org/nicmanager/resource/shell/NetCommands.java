package org.nicmanager.resource.shell;

import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.resource.AllocationView;
import org.nicmanager.resource.ResourceControl;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.scheduler.WhatIf;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code net:} commands (COMMANDS.md): alloc, show, stats, whatif. */
@Component(service = NetCommands.class, property = {"osgi.command.scope=net", "osgi.command.function=alloc",
    "osgi.command.function=show", "osgi.command.function=stats", "osgi.command.function=whatif"})
public final class NetCommands {

    static final String ABSENT = "";
    static final String USAGE_ALLOC = "net:alloc VM [--shares N] [--reservation RATE] [--limit RATE] [--average RATE"
            + " --peak RATE --burst SIZE --peak-period DURATION] [--priority 0..10]";
    static final String USAGE_WHATIF = "net:whatif fail NIC... [--json]";

    /** {@code net:whatif --json}: one document for every uplink the failure touches. */
    public record WhatIfDocument(List<String> failed, List<WhatIf> uplinks) {
    }

    private final ResourceControl control;

    @Activate
    public NetCommands(@Reference ResourceControl control) {
        this.control = control;
    }

    @Descriptor("Set a VM's network allocation; options not given keep their value (" + USAGE_ALLOC + ")")
    public Object alloc(
            @Descriptor("proportional shares, within the share bounds (default bounds 1..100000)") @Parameter(
                    names = "--shares", absentValue = ABSENT) String shares,
            @Descriptor("minimum bandwidth, e.g. 300Mbps; 0 for none") @Parameter(names = "--reservation",
                    absentValue = ABSENT) String reservation,
            @Descriptor("hard cap, e.g. 500Mbps; 0 for none") @Parameter(names = "--limit",
                    absentValue = ABSENT) String limit,
            @Descriptor("shaping average, e.g. 100Mbps; 0 turns shaping off") @Parameter(names = "--average",
                    absentValue = ABSENT) String average,
            @Descriptor("shaping peak, at least the average") @Parameter(names = "--peak",
                    absentValue = ABSENT) String peak,
            @Descriptor("shaping burst, at least one maximum frame (9046 bytes), e.g. 1MB") @Parameter(
                    names = "--burst", absentValue = ABSENT) String burst,
            @Descriptor("window the peak is enforced over, whole milliseconds, e.g. 100ms") @Parameter(
                    names = "--peak-period", absentValue = ABSENT) String peakPeriod,
            @Descriptor("network priority 0 (lowest) .. 10 (highest)") @Parameter(names = "--priority",
                    absentValue = ABSENT) String priority,
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the VM") String... vm) {
        String name = one(vm, USAGE_ALLOC);
        AllocationChange change = new AllocationChange(Options.count("--shares", shares),
                Options.rate("--reservation", reservation), Options.rate("--limit", limit),
                Options.rate("--average", average), Options.rate("--peak", peak), Options.size("--burst", burst),
                Options.wholeMillis("--peak-period", peakPeriod), Options.count("--priority", priority));
        if (change.empty()) {
            throw new IllegalArgumentException("give at least one option to change; usage: " + USAGE_ALLOC
                    + " (net:show VM shows the allocation)");
        }
        AllocationView view = control.allocate(name, change);
        return json ? new Json(view) : AllocationTable.of(view);
    }

    @Descriptor("Show a VM's allocation and, per uplink, what it sent, queued and had dropped")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the VM") String... vm) {
        AllocationView view = control.show(one(vm, "net:show VM [--json]"));
        return json ? new Json(view) : AllocationTable.of(view);
    }

    @Descriptor("Per VM: offered, sent, queued, dropped by reason, throughput over a window, share of capacity,"
            + " virtual time, time starved by higher priorities")
    public Object stats(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the window throughput is measured over, e.g. 100ms, 1s, 10s (10ms..64s)") @Parameter(
                    names = "--window", absentValue = "1s") String window) {
        long windowNanos = TimeSpan.parse(window).nanos();
        StatsDocument document = StatsDocument.of(windowNanos, control.usage(windowNanos));
        return json ? new Json(document) : StatsTable.of(document);
    }

    @Descriptor("Which reservations and priorities would still hold if these NICs failed (" + USAGE_WHATIF + ")")
    public Object whatif(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("fail NIC...") String... words) {
        if (words.length < 2 || !words[0].equals("fail")) {
            throw new IllegalArgumentException("usage: " + USAGE_WHATIF);
        }
        List<String> nics = Arrays.asList(words).subList(1, words.length);
        List<WhatIf> answers = control.whatIf(nics);
        return json ? new Json(new WhatIfDocument(nics, answers)) : WhatIfTable.of(answers);
    }

    private static String one(String[] words, String usage) {
        if (words.length != 1) {
            throw new IllegalArgumentException("name one VM; usage: " + usage);
        }
        return words[0];
    }
}
