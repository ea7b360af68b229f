package org.nicmanager.sim.network.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.lib.frames.Ipv4Address;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.model.HostStats;
import org.nicmanager.sim.network.model.TopologyView.LinkView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code hw:host add} and {@code hw:host stats}: external hosts, which count what they receive per flow. */
@Component(service = HostCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=host"})
public final class HostCommands {

    static final String USAGE_ADD = "hw:host add HOST --switch SW [--mac MAC] [--ip ADDR] [--speed RATE]";
    static final String USAGE_STATS = "hw:host stats HOST [--json]";
    static final String USAGE_ECHO = "hw:host echo HOST on|off";
    /** What the model takes for "generate one". */
    private static final long GENERATED_MAC = -1;
    private static final int GENERATED_IP = 0;
    private static final long WORLD_DEFAULT_SPEED = 0;

    /** What {@code hw:host add} built; {@code ip} is null when the world chose it. */
    public record HostAdded(String name, String mac, String ip, long speedBps, String switchName, int port) {
    }

    /** What {@code hw:host echo} set. */
    public record HostEcho(String name, boolean echo) {
    }

    private final Hardware hardware;

    @Activate
    public HostCommands(@Reference Hardware hardware) {
        this.hardware = hardware;
    }

    @Descriptor("Add an external host cabled to a switch (" + USAGE_ADD + "), show what it received per flow ("
            + USAGE_STATS + "), or make it echo what it receives (" + USAGE_ECHO + ")")
    public Object host(
            @Descriptor("add: the switch to cable the host to") @Parameter(names = "--switch",
                    absentValue = Words.ABSENT) String switchName,
            @Descriptor("add: the host's MAC, e.g. 02:00:00:00:01:01 (default: generated)") @Parameter(
                    names = "--mac", absentValue = Words.ABSENT) String mac,
            @Descriptor("add: the host's IPv4 address, which it answers ARP requests for, e.g. 10.0.0.7 (default:"
                    + " generated, 10.0.0.1 up)") @Parameter(
                    names = "--ip", absentValue = Words.ABSENT) String ip,
            @Descriptor("add: the host's link speed, e.g. 1Gbps (default: the world's default host link)") @Parameter(
                    names = "--speed", absentValue = Words.ABSENT) String speed,
            @Descriptor("stats: print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("add HOST | stats HOST | echo HOST on|off") String... words) {
        String subcommand = Words.subcommand("hw:host", words, USAGE_ADD + " | " + USAGE_STATS + " | " + USAGE_ECHO,
                "add", "stats", "echo");
        boolean addOptions = Words.given(switchName) || Words.given(mac) || Words.given(ip) || Words.given(speed);
        if (!subcommand.equals("add") && addOptions) {
            throw new IllegalArgumentException("--switch, --mac, --ip and --speed apply to hw:host add only");
        }
        if (subcommand.equals("stats")) {
            Words.expectCount(words, 2, USAGE_STATS);
            HostStats stats = hardware.call(world -> world.hostStats(words[1]));
            return json ? new Json(stats) : stats;
        }
        if (json) {
            throw new IllegalArgumentException("--json applies to hw:host stats only; expected: " + USAGE_STATS);
        }
        if (subcommand.equals("echo")) {
            Words.expectCount(words, 3, USAGE_ECHO);
            boolean echo = Words.onOff(words[2]);
            hardware.run(world -> world.setEcho(words[1], echo));
            return new HostEcho(words[1], echo);
        }
        Words.expectCount(words, 2, USAGE_ADD);
        String name = Names.check("host", words[1]);
        String target = Words.required("--switch", switchName, "swA");
        long macBits = Words.given(mac) ? unicastMac(mac) : GENERATED_MAC;
        int ipBits = Words.given(ip) ? hostIp(ip) : GENERATED_IP;
        long speedBps = Words.given(speed) ? Words.positiveBitsPerSecond("--speed", speed) : WORLD_DEFAULT_SPEED;
        return hardware.call(world -> {
            world.addHost(name, target, macBits, ipBits, speedBps);
            LinkView link = world.link(name).orElseThrow(
                    () -> new IllegalStateException("host '" + name + "' has no cable"));
            return new HostAdded(name, link.mac(), Words.given(ip) ? ip : null, link.speedBps(), link.switchName(),
                    link.port());
        });
    }

    private static long unicastMac(String text) {
        long bits = MacAddress.parse(text).bits();
        if (MacAddress.isMulticast(bits)) {
            throw new IllegalArgumentException("bad --mac '" + text + "': a host needs a unicast MAC (first octet"
                    + " even), e.g. 02:00:00:00:01:01");
        }
        return bits;
    }

    private static int hostIp(String text) {
        int bits = Ipv4Address.parse("--ip", text);
        if (bits == GENERATED_IP) {
            throw new IllegalArgumentException("bad --ip '" + text + "': 0.0.0.0 is not a host address");
        }
        return bits;
    }
}
