package org.nicmanager.operator.readings;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;

/**
 * Reads the host's state through its listing commands, only when asked (a scrape, a dashboard poll): when no one
 * watches, nothing is read.
 */
@Component(service = HostReadings.class)
public final class HostReadings {

    static final String NICS = "nic:list --json";
    static final String BONDS = "bond:list --json";
    static final String VMS = "vm:list --json";
    static final String VNICS = "vnic:list --json";
    static final String NET_STATS = "net:stats --json";
    static final String TOPOLOGY = "hw:topology --json";

    private final HostShell shell;
    private final KernelClock clock;

    @Activate
    public HostReadings(@Reference HostShell shell, @Reference KernelClock clock) {
        this.shell = shell;
        this.clock = clock;
    }

    public Reading read() {
        List<String> problems = new ArrayList<>();
        long now = clock.nanoTime();
        long[] nicsTime = new long[1];
        long[] vnicsTime = new long[1];
        JsonObject nics = timed(NICS, problems, nicsTime);
        JsonObject vnics = timed(VNICS, problems, vnicsTime);
        return new Reading(now, clock.mode().name(), nics, nicsTime[0], document(BONDS, problems),
                document(VMS, problems), vnics, vnicsTime[0], document(NET_STATS, problems),
                document(TOPOLOGY, problems), problems);
    }

    /** A document and, in {@code time[0]}, the kernel time halfway through reading it. */
    private JsonObject timed(String command, List<String> problems, long[] time) {
        long before = clock.nanoTime();
        JsonObject document = document(command, problems);
        time[0] = before + (clock.nanoTime() - before) / 2;
        return document;
    }

    /** One command's document, or null (with the reason in {@code problems}) when it cannot be had now. */
    private JsonObject document(String command, List<String> problems) {
        try {
            return shell.json(command).orElseGet(() -> {
                problems.add(command.substring(0, command.indexOf(' ')) + " is not installed");
                return null;
            });
        } catch (RuntimeException refused) {
            problems.add(command + ": " + refused.getMessage());
            return null;
        }
    }

    public HostShell shell() {
        return shell;
    }
}
