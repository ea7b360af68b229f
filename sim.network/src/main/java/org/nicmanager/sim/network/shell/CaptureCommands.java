package org.nicmanager.sim.network.shell;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.model.CaptureFile;
import org.nicmanager.sim.network.model.CaptureView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code capture PORT FILE [--for DURATION]} (COMMANDS.md): a standard pcap file of everything that crosses a NIC, a
 * host's port or a switch port, stamped with the kernel clock, for Wireshark and tshark. Also {@code capture stop PORT}
 * and {@code capture list}. In scope {@code hw}, and unique, so Gogo finds it without one.
 *
 * <p>The file is created here, on the shell's thread, never on the network world's (see {@link CaptureFile}); its
 * writer runs on a thread of its own. {@code capture stop} and {@code capture list} wait, off the world, for ended
 * captures' files to be complete, so that a script can read a file as soon as its capture shows ENDED.
 */
@Component(service = CaptureCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=capture"})
public final class CaptureCommands {

    static final String USAGE = "capture PORT FILE [--for DURATION] [--force] | capture stop PORT"
            + " | capture list [--json]";
    /** Generous: a writer drains at most a few MiB; longer means a stalled disk, reported as WRITING. */
    private static final long WRITTEN_WAIT_SECONDS = 10;

    /** {@code capture list}: every capture of this world, running or ended. */
    public record CaptureList(List<CaptureView> captures) {
    }

    private final Hardware hardware;
    private final Targets targets;

    @Activate
    public CaptureCommands(@Reference Hardware hardware, @Reference NameDirectory names) {
        this.hardware = hardware;
        this.targets = new Targets(names);
    }

    @Descriptor("Write a pcap file of a port: a NIC or host by name or MAC, or a switch port as SW/N (" + USAGE + ")")
    public Object capture(
            @Descriptor("how long to capture, in kernel time, e.g. 10s (default: until capture stop PORT)")
            @Parameter(names = "--for", absentValue = Words.ABSENT) String duration,
            @Descriptor("list: print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("replace FILE if it exists (a symbolic link is replaced, never followed)")
            @Parameter(names = "--force", presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("PORT FILE | stop PORT | list") String... words) {
        if (words.length >= 1 && words[0].equals("list")) {
            refuseIf(Words.given(duration), "--for applies to starting a capture");
            refuseIf(force, "--force applies to starting a capture");
            Words.expectCount(words, 1, USAGE);
            awaitEndedFiles();
            CaptureList list = new CaptureList(hardware.call(world -> world.captures()));
            return json ? new Json(list) : list;
        }
        refuseIf(json, "--json applies to capture list only");
        if (words.length >= 1 && words[0].equals("stop")) {
            refuseIf(Words.given(duration), "--for applies to starting a capture");
            refuseIf(force, "--force applies to starting a capture");
            Words.expectCount(words, 2, USAGE);
            String port = words[1];
            hardware.call(world -> world.stopCapture(port));
            awaitEndedFiles();
            return hardware.call(world -> world.captures().stream().filter(view -> view.port().equals(port))
                    .findFirst().orElseThrow());
        }
        Words.expectCount(words, 2, USAGE);
        long forNanos = Words.given(duration) ? Words.durationNanos("--for", duration, false) : 0;
        String port = targets.port(words[0]);
        CaptureFile file = CaptureFile.createNew(words[1], force);
        try {
            return hardware.call(world -> world.startCapture(port, file, forNanos));
        } catch (RuntimeException refused) {
            file.discard();
            throw refused;
        }
    }

    /** Waits, on the shell's thread, until ended captures' writers have closed their files. */
    private void awaitEndedFiles() {
        try {
            hardware.call(world -> world.capturesWritten()).get(WRITTEN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stalled) {
            return; // the list shows the capture as WRITING: the file system is stalled, which the operator sees
        } catch (ExecutionException impossible) {
            throw new IllegalStateException("a capture writer failed unexpectedly", impossible.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while capture files were being completed");
        }
    }

    private static void refuseIf(boolean wrong, String why) {
        if (wrong) {
            throw new IllegalArgumentException(why + "; expected: " + USAGE);
        }
    }
}
