package org.nicmanager.sim.network.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.cards.ConfiguredSwitch;
import org.nicmanager.sim.network.model.PartnerLacp;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.PortStats;
import org.nicmanager.sim.network.model.SwitchLacpView;
import org.nicmanager.sim.network.model.TopologyView;
import org.nicmanager.sim.network.model.TopologyView.LinkView;
import org.nicmanager.lib.services.ServiceWait;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hw:switch add}, {@code ports}, {@code link}, and link aggregation: {@code group}, {@code ungroup} and
 * {@code lacp}. A switch is added by writing its factory configuration, so that the same path serves configuration
 * files and the shell; the command waits until the world has built it. (The Gogo function is {@code _switch} because
 * {@code switch} is a Java keyword; Gogo looks for {@code _} + keyword.)
 */
@Component(service = SwitchCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=switch"})
public final class SwitchCommands {

    static final String USAGE_ADD = "hw:switch add SW [--ports N] [--lacp off|static|active|passive]"
            + " [--lacp-rate fast|slow]";
    static final String USAGE_PORTS = "hw:switch ports SW [--json]";
    static final String USAGE_LINK = "hw:switch link SW1 SW2 [--speed RATE]";
    static final String USAGE_GROUP = "hw:switch group SW GROUP PORT...";
    static final String USAGE_UNGROUP = "hw:switch ungroup SW GROUP";
    static final String USAGE_LACP = "hw:switch lacp SW [--json]";
    /** What the model takes for "the world's default host link speed". */
    private static final long WORLD_DEFAULT_SPEED = 0;

    /** What {@code hw:switch add} built; {@code lacpRate} is null for a switch that does not speak LACP. */
    public record SwitchAdded(String name, int ports, String lacp, String lacpRate) {
    }

    /** What {@code hw:switch ports} shows: every port's device, state and counters. */
    public record SwitchPorts(String name, List<PortStats> ports) {
    }

    /** What {@code hw:switch link} cabled: a port of each switch. */
    public record SwitchesLinked(String switchName, int port, String otherSwitch, long speedBps) {
    }

    private final BundleContext context;
    private final Hardware hardware;
    private final FactoryConfigurations configurations;

    @Activate
    public SwitchCommands(BundleContext context, @Reference Hardware hardware,
            @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.hardware = hardware;
        this.configurations = new FactoryConfigurations(configurationAdmin);
    }

    @Descriptor("Add a simulated switch (" + USAGE_ADD + "), show its ports (" + USAGE_PORTS + "), cable two"
            + " switches together (" + USAGE_LINK + "), make a static link aggregation group (" + USAGE_GROUP
            + ", " + USAGE_UNGROUP + "), or show its link aggregation (" + USAGE_LACP + ")")
    public Object _switch(
            @Descriptor("add: number of ports, 1 to 1024 (default 24)") @Parameter(names = "--ports",
                    absentValue = Words.ABSENT) String ports,
            @Descriptor("add: link aggregation: off (default), static (groups by hw:switch group), active or passive"
                    + " (LACP on every port)") @Parameter(names = "--lacp", absentValue = Words.ABSENT) String lacp,
            @Descriptor("add: LACPDU rate it asks partners for: fast (1 s, 3 s timeout) or slow (30 s, 90 s; default)")
            @Parameter(names = "--lacp-rate", absentValue = Words.ABSENT) String lacpRate,
            @Descriptor("link: the trunk's line rate, e.g. 10Gbps (default: the world's default host link)")
            @Parameter(names = "--speed", absentValue = Words.ABSENT) String speed,
            @Descriptor("ports, lacp: print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("add SW | ports SW | link SW1 SW2 | group SW GROUP PORT... | ungroup SW GROUP | lacp SW")
            String... words) throws IOException, InterruptedException {
        String subcommand = Words.subcommand("hw:switch", words, String.join(" | ", USAGE_ADD, USAGE_PORTS,
                USAGE_LINK, USAGE_GROUP, USAGE_UNGROUP, USAGE_LACP), "add", "ports", "link", "group", "ungroup",
                "lacp");
        boolean addOptions = Words.given(ports) || Words.given(lacp) || Words.given(lacpRate);
        String usage = switch (subcommand) {
            case "add" -> USAGE_ADD;
            case "ports" -> USAGE_PORTS;
            case "link" -> USAGE_LINK;
            case "group" -> USAGE_GROUP;
            case "ungroup" -> USAGE_UNGROUP;
            default -> USAGE_LACP;
        };
        if (!subcommand.equals("add") && addOptions) {
            throw new IllegalArgumentException("--ports, --lacp and --lacp-rate apply to hw:switch add only; expected: "
                    + usage);
        }
        if (!subcommand.equals("link") && Words.given(speed)) {
            throw new IllegalArgumentException("--speed applies to hw:switch link only; expected: " + usage);
        }
        if (json && !subcommand.equals("ports") && !subcommand.equals("lacp")) {
            throw new IllegalArgumentException("--json applies to hw:switch ports and lacp only; expected: " + usage);
        }
        switch (subcommand) {
            case "ports": {
                Words.expectCount(words, 2, USAGE_PORTS);
                SwitchPorts shown = new SwitchPorts(words[1], hardware.call(world -> world.switchPorts(words[1])));
                return json ? new Json(shown) : shown;
            }
            case "lacp": {
                Words.expectCount(words, 2, USAGE_LACP);
                SwitchLacpView shown = hardware.call(world -> world.switchLacp(words[1]));
                return json ? new Json(shown) : shown;
            }
            case "link":
                Words.expectCount(words, 3, USAGE_LINK);
                return link(words[1], words[2], Words.given(speed) ? Words.positiveBitsPerSecond("--speed", speed)
                        : WORLD_DEFAULT_SPEED);
            case "group": {
                if (words.length < 4) {
                    Words.expectCount(words, 4, USAGE_GROUP);
                }
                List<String> named = Arrays.asList(words).subList(3, words.length);
                String group = Names.check("group", words[2]); // shown in the topology and on the dashboard
                return hardware.call(world -> {
                    world.groupPorts(words[1], group, named);
                    return world.switchLacp(words[1]);
                });
            }
            case "ungroup":
                Words.expectCount(words, 3, USAGE_UNGROUP);
                return hardware.call(world -> {
                    world.ungroupPorts(words[1], words[2]);
                    return world.switchLacp(words[1]);
                });
            default:
                Words.expectCount(words, 2, USAGE_ADD);
                return add(Names.check("switch", words[1]),
                        Words.given(ports) ? Words.count("--ports", ports, 1, PhysicalWorld.MAX_SWITCH_PORTS)
                                : PhysicalWorld.DEFAULT_SWITCH_PORTS,
                        lacp, lacpRate);
        }
    }

    /** Trunks are not configuration yet: a rebuilt world has its configured switches but not their trunks. */
    private SwitchesLinked link(String first, String second, long speedBps) {
        return hardware.call(world -> {
            world.linkSwitches(first, second, speedBps);
            LinkView trunk = world.topology().links().stream()
                    .filter(link -> link.kind().equals("SWITCH") && link.switchName().equals(first)
                            && link.device().startsWith(second + "/"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no trunk from " + first + " to " + second));
            return new SwitchesLinked(first, trunk.port(), trunk.device(), trunk.speedBps());
        });
    }

    private SwitchAdded add(String name, int portCount, String lacp, String lacpRate)
            throws IOException, InterruptedException {
        String mode = Words.given(lacp) ? lacp : ConfiguredSwitch.DEFAULT_LACP;
        String rate = Words.given(lacpRate) ? lacpRate : ConfiguredSwitch.DEFAULT_LACP_RATE;
        PartnerLacp partner = ConfiguredSwitch.partnerLacp(mode, rate, Words.given(lacpRate));
        // Constant work however many switches there are: never the whole topology report (issue 13).
        hardware.run(world -> {
            Optional<String> owner = world.ownerKind(name);
            if (owner.isPresent()) {
                throw new IllegalArgumentException(owner.get().equals("a switch")
                        ? "switch '" + name + "' already exists"
                        : "the name '" + name + "' is already taken by " + owner.get()
                                + "; NICs, hosts and switches need distinct names");
            }
            world.checkNewSwitch(name, portCount);
        });
        if (configurations.find(ConfiguredSwitch.FACTORY_PID, name).isPresent()) {
            throw new IllegalArgumentException("a configuration for switch '" + name + "' already exists");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConfiguredSwitch.PORTS, portCount);
        properties.put(ConfiguredSwitch.LACP, mode);
        properties.put(ConfiguredSwitch.LACP_RATE, rate);
        try (ServiceWait<ConfiguredSwitch> built = new ServiceWait<>(context, ConfiguredSwitch.class,
                ConfiguredSwitch.NAME, name)) {
            Configuration configuration = configurations.create(ConfiguredSwitch.FACTORY_PID, name, properties);
            ConfiguredSwitch configured = built.awaitPresent();
            String refusal = configured == null
                    ? "switch '" + name + "' was not built within " + ServiceWait.TIMEOUT_MILLIS + " ms"
                    : configured.refusal().orElse(null);
            if (refusal != null) {
                configuration.delete();
                throw new IllegalArgumentException(refusal);
            }
        }
        return new SwitchAdded(name, portCount, partner.modeName(), partner.speaksLacp() ? partner.rateName() : null);
    }
}
