package org.nicmanager.drivers.linux.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import com.google.gson.annotations.SerializedName;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.drivers.linux.ConfiguredLinuxNic;
import org.nicmanager.drivers.linux.LinuxNic;
import org.nicmanager.drivers.linux.LinuxNicRegistry;
import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.RawSocketProbe;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.lib.services.NicAdmission;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.services.ServiceWait;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code linux:add}, {@code linux:remove} and {@code linux:list} (COMMANDS.md): real Linux interfaces as physical
 * NICs, declared as factory configurations {@value ConfiguredLinuxNic#FACTORY_PID}. Everything that can be checked is
 * checked before the configuration is written, so a refusal changes nothing; the command then waits until the NIC's
 * service is registered (or gone).
 */
@Component(service = LinuxCommands.class, property = {"osgi.command.scope=linux", "osgi.command.function=add",
        "osgi.command.function=remove", "osgi.command.function=list"})
public final class LinuxCommands {

    static final String USAGE_ADD = "linux:add NAME --interface IF [--speed RATE]";
    static final String USAGE_REMOVE = "linux:remove NAME";
    /** Any bundle may take the configuration: SCR binds it to this bundle's component. */
    private static final String ANY_LOCATION = "?";

    /** What {@code linux:add} started. */
    public record LinuxNicAdded(String name, @SerializedName("interface") String interfaceName, String mac,
            long speedBps, boolean paced, int mtuBytes, String state, String offloads) {
    }

    /** What {@code linux:remove} took away. */
    public record LinuxNicRemoved(String name, @SerializedName("interface") String interfaceName) {
    }

    /**
     * One row of {@code linux:list}: the NIC, its interface as the kernel reported it, and every frame it did not carry
     * by reason: no free slot in the kernel's ring (the receive thread is behind), too long, no free buffer (the world
     * is behind), the world's ring full, aborted on transmit. {@code paced}: the speed is a line rate the operator
     * declared, which the NIC holds to; {@code txPaced} counts the frames it refused BUSY for it (they wait in the
     * bond, not lost).
     */
    public record LinuxNicRow(String name, @SerializedName("interface") String interfaceName, int ifindex, String mac,
            long speedBps, boolean speedReported, boolean paced, int mtuBytes, String state, long rxFrames,
            long txFrames, long rxDropsKernel, long rxDropsTooLong, long rxDropsNoBuffer, long rxDropsRingFull,
            long txAborted, long txPaced, String offloads) {
    }

    /** What {@code linux:list} shows. */
    public record LinuxNicList(List<LinuxNicRow> nics) {
    }

    private final BundleContext context;
    private final NetworkWorld world;
    private final LinuxNicRegistry registry;
    private final ConfigurationAdmin configurationAdmin;

    /** The kernel's inventory of NICs: always there in a host, absent only where this bundle runs alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NicInventory inventory;

    @Activate
    public LinuxCommands(BundleContext context, @Reference NetworkWorld world, @Reference LinuxNicRegistry registry,
            @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.world = world;
        this.registry = registry;
        this.configurationAdmin = configurationAdmin;
    }

    /** Waits for the NIC service of that name (checked by the registry's name rules: no LDAP escaping needed). */
    private ServiceWait<PhysicalNic> nicWait(String name) {
        return new ServiceWait<>(context, PhysicalNic.class, PhysicalNic.NAME_PROPERTY, name);
    }

    @Descriptor("Use a real Linux interface as a physical NIC (linux:add NAME --interface IF [--speed RATE]);"
            + " needs CAP_NET_RAW")
    public LinuxNicAdded add(
            @Descriptor("the Linux interface, e.g. eth1") @Parameter(names = "--interface",
                    absentValue = "") String interfaceName,
            @Descriptor("a line rate to hold the NIC to and report as its speed, e.g. 100Mbps (for a veth or"
                    + " another interface faster than its link); the kernel's speed, unpaced, when absent")
            @Parameter(names = "--speed", absentValue = "") String speed,
            @Descriptor("the NIC's name, e.g. uplink0") String... words) throws IOException, InterruptedException {
        if (words.length != 1) {
            throw new IllegalArgumentException("linux:add takes one NIC name; got '" + String.join(" ", words)
                    + "'; expected: " + USAGE_ADD);
        }
        String name = LinuxNicRegistry.checkName(words[0]);
        if (interfaceName.isEmpty()) {
            throw new IllegalArgumentException("linux:add needs --interface IF; interfaces: "
                    + String.join(", ", InterfaceFacts.names()));
        }
        long speedBps = speed.isEmpty() ? 0 : lineRate(speed);
        InterfaceFacts facts = InterfaceFacts.read(interfaceName);
        InterfaceFacts.requireNoMaster(interfaceName);
        checkInterfaceFree(interfaceName);
        checkNameFree(name);
        RawSocketProbe.requireRawSockets(interfaceName);
        return add(name, facts, speedBps);
    }

    private static long lineRate(String speed) {
        long bitsPerSecond = Rate.parseBitsPerSecond(speed);
        if (bitsPerSecond == 0) {
            throw new IllegalArgumentException("bad --speed '" + speed + "': a line rate must be more than 0 (e.g."
                    + " 100Mbps); leave --speed out for the kernel's speed");
        }
        return bitsPerSecond;
    }

    private void checkInterfaceFree(String interfaceName) throws IOException {
        Optional<LinuxNicRegistry.Claim> holder = registry.holderOf(interfaceName);
        if (holder.isPresent()) {
            throw new IllegalArgumentException("interface '" + interfaceName + "' is already used by NIC '"
                    + holder.get().name() + "'; interfaces in use: " + registry.interfacesInUse());
        }
        Optional<Configuration> configured = find("(" + ConfiguredLinuxNic.INTERFACE + "=" + ldapValue(interfaceName)
                + ")");
        if (configured.isPresent()) {
            throw new IllegalArgumentException("interface '" + interfaceName + "' is already configured for NIC '"
                    + configured.get().getProperties().get(ConfiguredLinuxNic.NAME) + "'");
        }
    }

    private void checkNameFree(String name) throws IOException {
        try (ServiceWait<PhysicalNic> nics = nicWait(name)) {
            String driver = nics.presentProperty(PhysicalNic.DRIVER_PROPERTY);
            if (driver != null) {
                throw new IllegalArgumentException("the name '" + name + "' is taken by a NIC already present"
                        + " (driver " + driver + ")");
            }
        }
        if (find("(" + ConfiguredLinuxNic.NAME + "=" + name + ")").isPresent()) {
            throw new IllegalArgumentException("a Linux NIC named '" + name + "' is already configured");
        }
    }

    private LinuxNicAdded add(String name, InterfaceFacts facts, long speedBps)
            throws IOException, InterruptedException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConfiguredLinuxNic.NAME, name);
        properties.put(ConfiguredLinuxNic.INTERFACE, facts.name());
        properties.put(ConfiguredLinuxNic.SPEED_BPS, speedBps);
        try (ServiceWait<PhysicalNic> registered = nicWait(name)) {
            Configuration configuration = configurationAdmin.getFactoryConfiguration(ConfiguredLinuxNic.FACTORY_PID,
                    name, ANY_LOCATION);
            configuration.update(properties);
            if (registered.awaitPresent() == null) {
                // Something failed after the checks (the interface went away, say): undo the declaration.
                String problem = registry.problem(name).orElse("not started within " + ServiceWait.TIMEOUT_MILLIS
                        + " ms");
                configuration.delete();
                throw new IllegalArgumentException("Linux NIC '" + name + "' was not added: " + problem);
            }
        }
        NicAdmission.await(inventory, world, name, true);
        LinuxNic nic = registry.running().stream().filter(running -> running.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Linux NIC '" + name + "' is registered but not running"));
        return world.call(() -> new LinuxNicAdded(name, facts.name(), MacAddress.format(nic.macAddress()),
                nic.speedBps(), nic.paced(), nic.mtuBytes(), nic.linkState().name(), nic.offloads()));
    }

    @Descriptor("Stop using a Linux interface as a NIC (linux:remove NAME); its bond, if any, fails over")
    public LinuxNicRemoved remove(@Descriptor("the NIC's name, as linux:list shows it") String... words)
            throws IOException, InterruptedException {
        if (words.length != 1) {
            throw new IllegalArgumentException("linux:remove takes one NIC name; got '" + String.join(" ", words)
                    + "'; expected: " + USAGE_REMOVE);
        }
        String name = LinuxNicRegistry.checkName(words[0]);
        Optional<Configuration> found = find("(" + ConfiguredLinuxNic.NAME + "=" + name + ")");
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no Linux NIC named '" + name + "' is configured; Linux NICs: "
                    + configuredNames());
        }
        Configuration configuration = found.get();
        Object interfaceName = configuration.getProperties().get(ConfiguredLinuxNic.INTERFACE);
        try (ServiceWait<PhysicalNic> registered = nicWait(name)) {
            configuration.delete();
            if (!registered.awaitAbsent() || !registry.awaitReleased(name, ServiceWait.TIMEOUT_MILLIS)) {
                throw new IllegalStateException("Linux NIC '" + name + "' was unconfigured but is still present after "
                        + ServiceWait.TIMEOUT_MILLIS + " ms");
            }
        }
        NicAdmission.await(inventory, world, name, false);
        return new LinuxNicRemoved(name, String.valueOf(interfaceName));
    }

    @Descriptor("List the Linux NICs: interface, MAC, speed, MTU, state, frames, drops by reason, offloads")
    public Object list(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        if (extra.length != 0) {
            throw new IllegalArgumentException("linux:list takes only --json; got '" + String.join(" ", extra) + "'");
        }
        List<LinuxNic> nics = registry.running();
        LinuxNicList list = world.call(() -> {
            List<LinuxNicRow> rows = new ArrayList<>();
            nics.forEach(nic -> rows.add(row(nic)));
            return new LinuxNicList(rows);
        });
        return json ? new Json(list) : list;
    }

    private static LinuxNicRow row(LinuxNic nic) {
        InterfaceFacts facts = nic.facts();
        return new LinuxNicRow(nic.name(), facts.name(), facts.index(), MacAddress.format(nic.macAddress()),
                nic.speedBps(), facts.speedKnown(), nic.paced(), nic.mtuBytes(), nic.linkState().name(),
                nic.counters().rxFrames(), nic.counters().txFrames(), nic.kernelDrops(), nic.drops().receivedTooLong(),
                nic.drops().receiveNoBuffer(), nic.receiveRingCounters().refusedFull(), nic.drops().transmitAborted(),
                nic.pacedRefusals(), nic.offloads());
    }

    /** An interface name may hold characters that LDAP filters reserve; NIC names are checked and need no escape. */
    private static String ldapValue(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private Optional<Configuration> find(String filter) throws IOException {
        Configuration[] found;
        try {
            found = configurationAdmin.listConfigurations("(&(service.factoryPid=" + ConfiguredLinuxNic.FACTORY_PID
                    + ")" + filter + ")");
        } catch (InvalidSyntaxException badValue) {
            throw new IllegalArgumentException("bad value in " + filter, badValue);
        }
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    private String configuredNames() throws IOException {
        Configuration[] found;
        try {
            found = configurationAdmin.listConfigurations("(service.factoryPid=" + ConfiguredLinuxNic.FACTORY_PID
                    + ")");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        if (found == null || found.length == 0) {
            return "none";
        }
        List<String> names = new ArrayList<>();
        for (Configuration configuration : found) {
            names.add(String.valueOf(configuration.getProperties().get(ConfiguredLinuxNic.NAME)));
        }
        names.sort(null);
        return String.join(", ", names);
    }
}
