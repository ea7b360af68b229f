package org.nicmanager.sim.network.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.cards.ConfiguredSwitch;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.PortStats;
import org.nicmanager.sim.network.model.TopologyView;
import org.nicmanager.sim.network.model.TopologyView.LinkView;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hw:switch add} and {@code hw:switch ports}. A switch is added by writing its factory configuration, so that
 * the same path serves configuration files and the shell; the command waits until the world has built it. (The Gogo
 * function is {@code _switch} because {@code switch} is a Java keyword; Gogo looks for {@code _} + keyword.)
 */
@Component(service = SwitchCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=switch"})
public final class SwitchCommands {

    static final String USAGE_ADD = "hw:switch add SW [--ports N] [--lacp off]";
    static final String USAGE_PORTS = "hw:switch ports SW [--json]";
    static final String USAGE_LINK = "hw:switch link SW1 SW2 [--speed RATE]";
    /** What the model takes for "the world's default host link speed". */
    private static final long WORLD_DEFAULT_SPEED = 0;
    private static final String LACP_LATER = "LACP partner switches arrive with the LACP feature (bond:create --lacp"
            + " active|passive); until then only --lacp off is accepted";

    /** What {@code hw:switch add} built. */
    public record SwitchAdded(String name, int ports, String lacp) {
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

    @Descriptor("Add a simulated switch (" + USAGE_ADD + "), show its ports (" + USAGE_PORTS + "), or cable two"
            + " switches together (" + USAGE_LINK + ")")
    public Object _switch(
            @Descriptor("add: number of ports, 1 to 1024 (default 24)") @Parameter(names = "--ports",
                    absentValue = Words.ABSENT) String ports,
            @Descriptor("add: LACP partner mode: off (active and passive arrive with LACP)") @Parameter(
                    names = "--lacp", absentValue = Words.ABSENT) String lacp,
            @Descriptor("add: LACPDU rate, fast or slow (arrives with LACP)") @Parameter(names = "--lacp-rate",
                    absentValue = Words.ABSENT) String lacpRate,
            @Descriptor("link: the trunk's line rate, e.g. 10Gbps (default: the world's default host link)")
            @Parameter(names = "--speed", absentValue = Words.ABSENT) String speed,
            @Descriptor("ports: print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("add SW | ports SW | link SW1 SW2") String... words) throws IOException, InterruptedException {
        String subcommand = Words.subcommand("hw:switch", words,
                USAGE_ADD + " | " + USAGE_PORTS + " | " + USAGE_LINK, "add", "ports", "link");
        boolean addOptions = Words.given(ports) || Words.given(lacp) || Words.given(lacpRate);
        if (subcommand.equals("ports")) {
            if (addOptions || Words.given(speed)) {
                throw new IllegalArgumentException("hw:switch ports takes only --json; expected: " + USAGE_PORTS);
            }
            Words.expectCount(words, 2, USAGE_PORTS);
            SwitchPorts shown = new SwitchPorts(words[1], hardware.call(world -> world.switchPorts(words[1])));
            return json ? new Json(shown) : shown;
        }
        if (json) {
            throw new IllegalArgumentException("--json applies to hw:switch ports only; expected: " + USAGE_PORTS);
        }
        if (subcommand.equals("link")) {
            if (addOptions) {
                throw new IllegalArgumentException("hw:switch link takes only --speed; expected: " + USAGE_LINK);
            }
            Words.expectCount(words, 3, USAGE_LINK);
            return link(words[1], words[2], Words.given(speed) ? Words.positiveBitsPerSecond("--speed", speed)
                    : WORLD_DEFAULT_SPEED);
        }
        if (Words.given(speed)) {
            throw new IllegalArgumentException("--speed applies to hw:switch link only; expected: " + USAGE_ADD);
        }
        Words.expectCount(words, 2, USAGE_ADD);
        return add(Names.check("switch", words[1]),
                Words.given(ports) ? Words.count("--ports", ports, 1, PhysicalWorld.MAX_SWITCH_PORTS)
                        : PhysicalWorld.DEFAULT_SWITCH_PORTS,
                lacp, lacpRate);
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
        checkLacp(lacp, lacpRate);
        TopologyView topology = hardware.call(PhysicalWorld::topology);
        if (topology.switches().stream().anyMatch(present -> present.name().equals(name))) {
            throw new IllegalArgumentException("switch '" + name + "' already exists");
        }
        if (topology.links().stream().anyMatch(link -> link.device().equals(name))) {
            throw new IllegalArgumentException("the name '" + name + "' is already taken by a card or host;"
                    + " NICs, hosts and switches need distinct names");
        }
        if (configurations.find(ConfiguredSwitch.FACTORY_PID, name).isPresent()) {
            throw new IllegalArgumentException("a configuration for switch '" + name + "' already exists");
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConfiguredSwitch.PORTS, portCount);
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
        return new SwitchAdded(name, portCount, "off");
    }

    private static void checkLacp(String lacp, String lacpRate) {
        if (Words.given(lacp) && !lacp.equals("off")) {
            if (lacp.equals("active") || lacp.equals("passive")) {
                throw new IllegalArgumentException("--lacp " + lacp + ": " + LACP_LATER);
            }
            throw new IllegalArgumentException("bad --lacp '" + lacp + "': allowed off, active, passive");
        }
        if (Words.given(lacpRate)) {
            if (lacpRate.equals("fast") || lacpRate.equals("slow")) {
                throw new IllegalArgumentException("--lacp-rate " + lacpRate + ": " + LACP_LATER);
            }
            throw new IllegalArgumentException("bad --lacp-rate '" + lacpRate + "': allowed fast, slow");
        }
    }
}
