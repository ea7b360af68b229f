package org.nicmanager.sim.network.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.ByteSize;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.model.FloodKind;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Traffic from outside: {@code hw:traffic} (test traffic from an external host, stamped per flow) and
 * {@code hw:flood} (attack traffic).
 */
@Component(service = TrafficCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=traffic",
        "osgi.command.function=flood"})
public final class TrafficCommands {

    static final String USAGE_TRAFFIC = "hw:traffic HOST --to TARGET [--rate RATE] [--frame SIZE] [--flows N]"
            + " [--pattern cbr|burst|poisson] [--burst N] [--count N | --for DURATION]";
    static final String USAGE_STOP = "hw:traffic stop HOST";
    static final String USAGE_FLOOD = "hw:flood TARGET --rate RATE --for DURATION [--kind udp|syn|broadcast]"
            + " [--via SW]";
    public static final String DEFAULT_RATE = "10Mbps";
    public static final int DEFAULT_FRAME_BYTES = 1000;
    public static final int DEFAULT_BURST_FRAMES = 16;
    public static final int MAX_FLOWS = 65_536;
    public static final int MAX_BURST_FRAMES = 4_096;
    public static final int MAX_COUNT_FRAMES = Integer.MAX_VALUE;
    /** The shortest Ethernet frame; it has room for the UDP/IPv4 headers and the flow stamp. */
    private static final int MIN_TRAFFIC_FRAME_BYTES = FrameWriter.MIN_FRAME_BYTES;

    /**
     * What {@code hw:traffic} started or stopped. {@code forNanos} 0 means no end by time, {@code frameCount} 0 no end
     * by count: with both 0 it runs until stopped.
     */
    public record TrafficStarted(String host, String target, String rate, int frameBytes, int flows, String pattern,
            long forNanos, long frameCount) {
    }

    public record TrafficStopped(String host) {
    }

    /** What {@code hw:flood} started. */
    public record FloodStarted(String target, String rate, long forNanos, String kind, String via) {
    }

    private final Hardware hardware;
    private final Targets targets;

    @Activate
    public TrafficCommands(@Reference Hardware hardware, @Reference NameDirectory names) {
        this.hardware = hardware;
        this.targets = new Targets(names);
    }

    @Descriptor("Send stamped UDP test traffic from an external host (" + USAGE_TRAFFIC + "), or stop it ("
            + USAGE_STOP + ")")
    public Object traffic(
            @Descriptor("the receiver: a VM (its first vNIC), a vNIC, a host or a NIC by name, or a MAC such as"
                    + " 02:00:00:00:00:01") @Parameter(names = "--to",
                    absentValue = Words.ABSENT) String to,
            @Descriptor("offered rate, e.g. 100Mbps or 10kpps (default 10Mbps)") @Parameter(names = "--rate",
                    absentValue = Words.ABSENT) String rate,
            @Descriptor("frame size from header to payload, e.g. 64 or 1500 (default 1000)") @Parameter(
                    names = "--frame", absentValue = Words.ABSENT) String frame,
            @Descriptor("number of flows sharing the rate (default 1)") @Parameter(names = "--flows",
                    absentValue = Words.ABSENT) String flows,
            @Descriptor("frame spacing: cbr, burst or poisson (default cbr)") @Parameter(names = "--pattern",
                    absentValue = Words.ABSENT) String pattern,
            @Descriptor("frames per burst with --pattern burst (default 16)") @Parameter(names = "--burst",
                    absentValue = Words.ABSENT) String burst,
            @Descriptor("stop after this many frames in all, 1.." + MAX_COUNT_FRAMES + " (default: until hw:traffic"
                    + " stop)") @Parameter(names = "--count", absentValue = Words.ABSENT) String count,
            @Descriptor("how long, e.g. 10s (default: until hw:traffic stop)") @Parameter(names = "--for",
                    absentValue = Words.ABSENT) String duration,
            @Descriptor("HOST | stop HOST") String... words) {
        if (words.length == 2 && words[0].equals("stop")) {
            if (Words.given(to) || Words.given(rate) || Words.given(frame) || Words.given(flows)
                    || Words.given(pattern) || Words.given(burst) || Words.given(count) || Words.given(duration)) {
                throw new IllegalArgumentException("hw:traffic stop takes no options; expected: " + USAGE_STOP);
            }
            String host = Names.check("host", words[1]);
            hardware.run(world -> world.stopTraffic(host));
            return new TrafficStopped(host);
        }
        Words.expectCount(words, 1, USAGE_TRAFFIC + " | " + USAGE_STOP);
        String host = Names.check("host", words[0]);
        String target = Words.required("--to", to, "h2");
        Rate offered = Words.positiveRate("--rate", Words.given(rate) ? rate : DEFAULT_RATE);
        int frameBytes = Words.given(frame) ? frameBytes(frame) : DEFAULT_FRAME_BYTES;
        int flowCount = Words.given(flows) ? Words.count("--flows", flows, 1, MAX_FLOWS) : 1;
        TrafficPattern spacing = Words.given(pattern) ? Words.choice("--pattern", pattern, TrafficPattern.class)
                : TrafficPattern.CBR;
        if (Words.given(burst) && spacing != TrafficPattern.BURST) {
            throw new IllegalArgumentException("--burst " + burst + " applies to --pattern burst only");
        }
        int burstFrames = Words.given(burst) ? Words.count("--burst", burst, 1, MAX_BURST_FRAMES)
                : DEFAULT_BURST_FRAMES;
        long frameCount = Words.given(count) ? Words.count("--count", count, 1, MAX_COUNT_FRAMES) : 0;
        if (Words.given(count) && Words.given(duration)) {
            throw new IllegalArgumentException("--count " + count + " and --for " + duration + " both say when to stop;"
                    + " give one of them");
        }
        long forNanos = Words.given(duration) ? Words.durationNanos("--for", duration, false) : 0;
        String receiver = targets.destination("--to", target); // the words first, then what they name
        TrafficSpec spec = new TrafficSpec(receiver, offered, frameBytes, flowCount, spacing, burstFrames, forNanos,
                frameCount);
        hardware.run(world -> world.startTraffic(host, spec));
        return new TrafficStarted(host, target, offered.toString(), frameBytes, flowCount, spacing.name(), forNanos,
                frameCount);
    }

    private static int frameBytes(String text) {
        long bytes = ByteSize.parse(text).bytes();
        if (bytes < MIN_TRAFFIC_FRAME_BYTES || bytes > FrameBuffer.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("bad --frame '" + text + "': from " + MIN_TRAFFIC_FRAME_BYTES + " to "
                    + FrameBuffer.MAX_FRAME_BYTES + " bytes");
        }
        return (int) bytes;
    }

    @Descriptor("Flood a target with attack traffic from outside (" + USAGE_FLOOD + ")")
    public Object flood(
            @Descriptor("attack rate, e.g. 500Mbps or 150kpps") @Parameter(names = "--rate",
                    absentValue = Words.ABSENT) String rate,
            @Descriptor("how long, e.g. 10s") @Parameter(names = "--for", absentValue = Words.ABSENT) String duration,
            @Descriptor("udp, syn or broadcast (default udp)") @Parameter(names = "--kind",
                    absentValue = Words.ABSENT) String kind,
            @Descriptor("the switch the attacker is cabled to (default: the target's)") @Parameter(names = "--via",
                    absentValue = Words.ABSENT) String via,
            @Descriptor("TARGET: a VM (its first vNIC), a vNIC, a host or a NIC by name, or a MAC") String... words) {
        Words.expectCount(words, 1, USAGE_FLOOD);
        String target = words[0];
        Rate attack = Words.positiveRate("--rate", Words.required("--rate", rate, "150kpps"));
        long forNanos = Words.durationNanos("--for", Words.required("--for", duration, "10s"), false);
        FloodKind floodKind = Words.given(kind) ? Words.choice("--kind", kind, FloodKind.class) : FloodKind.UDP;
        String viaSwitch = Words.given(via) ? Names.check("switch", via) : null;
        String victim = targets.destination("TARGET", target);
        hardware.run(world -> world.flood(victim, target, attack, forNanos, floodKind, viaSwitch));
        return new FloodStarted(target, attack.toString(), forNanos, floodKind.name(), viaSwitch);
    }
}
