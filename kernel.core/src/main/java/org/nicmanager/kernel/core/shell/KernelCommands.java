package org.nicmanager.kernel.core.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.core.Kernel;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code kernel:} commands (COMMANDS.md). */
@Component(service = KernelCommands.class, property = {
        "osgi.command.scope=kernel", "osgi.command.function=info", "osgi.command.function=advance"})
public final class KernelCommands {

    /** What {@code kernel:info} shows. Times are kernel nanoseconds; {@code now} is the same time for people. */
    public record KernelInfo(String clock, long nowNanos, String now, int worldQueueDepth, long armedTimers,
            long firedTimers, long timerFailures, long seed) {
    }

    /** What {@code kernel:advance} did. */
    public record Advanced(long fromNanos, long nowNanos, String now, long timersFired) {
    }

    private final Kernel kernel;

    @Activate
    public KernelCommands(@Reference Kernel kernel) {
        this.kernel = kernel;
    }

    @Descriptor("Show the clock mode, the current kernel time, the world's queue depth and timer counts")
    public Object info(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json) {
        int queueDepth = kernel.queueDepth();
        KernelInfo info = kernel.call(() -> {
            long now = kernel.nanoTime();
            return new KernelInfo(kernel.clockMode().name(), now, TimeSpan.format(now), queueDepth,
                    kernel.armedTimers(), kernel.firedTimers(), kernel.timerFailures(), kernel.seed());
        });
        return json ? new Json(info) : info;
    }

    @Descriptor("Virtual clock only: run the network world forward, firing every timer due on the way")
    public Object advance(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("how far, e.g. 500us, 10ms, 10s, 2m") String... duration) {
        // Takes the words as an array so that "5 parsecs" is answered by us, not by Gogo's coercion error.
        if (duration.length != 1) {
            throw new IllegalArgumentException("kernel:advance takes one duration such as 500us, 10ms, 10s or 2m; got '"
                    + String.join(" ", duration) + "'");
        }
        long nanos = TimeSpan.parse(duration[0]).nanos();
        AdvanceReport report = kernel.advance(nanos);
        Advanced advanced = new Advanced(report.fromNanos(), report.toNanos(), TimeSpan.format(report.toNanos()),
                report.timersFired());
        return json ? new Json(advanced) : advanced;
    }
}
