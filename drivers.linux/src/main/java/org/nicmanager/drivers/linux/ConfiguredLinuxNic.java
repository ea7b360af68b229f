package org.nicmanager.drivers.linux;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.Offloads;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One real Linux interface as a physical NIC (factory configuration {@value #FACTORY_PID}; {@code linux:add} writes
 * one). Activation opens the interface's packet socket, turns its offloads off, opens the NIC's rings on the network
 * world, starts its I/O threads and registers the {@link PhysicalNic} service in this bundle's context (patent step
 * 752), as the simulated drivers do. Deactivation, which uninstalling or stopping the bundle brings, takes the NIC
 * away again: the kernel sees a NIC removal, and a bond fails over.
 */
@Component(configurationPid = ConfiguredLinuxNic.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = ConfiguredLinuxNic.Config.class, factory = true)
public final class ConfiguredLinuxNic {

    public static final String FACTORY_PID = "org.nicmanager.linux.nic";
    /** Configuration properties. */
    public static final String INTERFACE = "interface";
    public static final String NAME = "name";
    public static final String SPEED_BPS = "speedBps";
    /** Service property of the NICs registered here: the Linux interface. */
    public static final String INTERFACE_PROPERTY = "linux.interface";

    @ObjectClassDefinition(name = "Linux NIC",
            description = "A real Linux network interface used as a physical NIC through an AF_PACKET socket with"
                    + " memory-mapped rings. Needs CAP_NET_RAW (and CAP_NET_ADMIN to turn offloads off).")
    public @interface Config {

        @AttributeDefinition(name = "Interface", description = "The Linux interface, e.g. eth1 or veth0.")
        // '$' keeps the property name "interface", a Java keyword (DS name mapping)
        String interface$();

        @AttributeDefinition(name = "Name", required = false,
                description = "The NIC's name in the kernel, e.g. uplink0; the interface's name when empty.")
        String name() default "";

        @AttributeDefinition(name = "Speed (bits per second)", required = false,
                description = "The line rate to hold the NIC to and to report as its speed, for an interface faster"
                        + " than the link it stands for (a veth, say); 0 for the kernel's speed, unpaced.")
        long speedBps() default 0;
    }

    private final BundleContext context;
    private final NetworkWorld world;
    private final LinuxNicRegistry registry;
    private final Logger logger;
    private final String name;
    private final PacketSocket socket;
    private final LinuxNic nic;
    private final ServiceRegistration<PhysicalNic> registration;
    private final AtomicBoolean takenDown = new AtomicBoolean();

    @Activate
    public ConfiguredLinuxNic(Config config, BundleContext context, @Reference NetworkWorld world,
            @Reference DriverRings rings, @Reference KernelScheduler clock, @Reference LinuxNicRegistry registry,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.world = world;
        this.registry = registry;
        this.logger = logger;
        String interfaceName = config.interface$() == null ? "" : config.interface$().trim();
        String given = config.name() == null ? "" : config.name().trim();
        this.name = given.isEmpty() ? interfaceName : given;
        try {
            LinuxNicRegistry.checkName(name);
            if (config.speedBps() < 0) {
                throw new IllegalArgumentException("speedBps must be 0 (the kernel's speed) or a rate in bits per"
                        + " second; got " + config.speedBps());
            }
            InterfaceFacts.read(interfaceName); // refuses an unknown interface, naming those that exist
            InterfaceFacts.requireNoMaster(interfaceName);
            registry.claim(name, interfaceName);
        } catch (IllegalArgumentException refused) {
            registry.recordProblem(name, refused.getMessage());
            logger.error("Linux NIC '{}' not started: {}", name, refused.getMessage());
            throw refused;
        }
        PacketSocket opened = null;
        LinuxNic started = null;
        InterfaceFacts facts;
        try {
            facts = InterfaceFacts.read(interfaceName);
            opened = PacketSocket.open(facts, LinuxNic.RECEIVE_SLOTS, LinuxNic.TRANSMIT_SLOTS);
            String offloads = Offloads.prepare(opened.fd(), interfaceName, opened.vnetHeaderBytes() > 0);
            PacketSocket socketOfNic = opened;
            started = world.call(() -> new LinuxNic(rings, world, clock, name, facts, socketOfNic, offloads,
                    config.speedBps()));
            started.startIo();
            // The link monitor follows the carrier from now on; one changed since the facts were read is caught here.
            boolean carrier = InterfaceFacts.read(interfaceName).carrier();
            LinuxNic startedNic = started;
            world.post(() -> startedNic.carrierChanged(carrier));
        } catch (RuntimeException failed) {
            throw notStarted(failed, started, opened);
        }
        this.socket = opened;
        this.nic = started;
        // before the service: a command that sees the service finds the NIC
        registry.running(name, nic, () -> takeDown("its interface '" + interfaceName + "' was deleted"));
        ServiceRegistration<PhysicalNic> registered;
        try {
            registered = context.registerService(PhysicalNic.class, nic, properties(facts));
        } catch (RuntimeException failed) {
            throw notStarted(failed, nic, socket);
        }
        this.registration = registered;
        logger.info("Linux NIC '{}' runs on interface '{}'; offloads: {}", name, interfaceName, nic.offloads());
    }

    /** Undoes a start that failed half way, records why, and answers the failure to rethrow. */
    private RuntimeException notStarted(RuntimeException failed, LinuxNic started, PacketSocket opened) {
        try {
            if (started != null) {
                started.stopIo();
                world.run(started::closeRings);
            }
            if (opened != null) {
                opened.close();
            }
        } catch (RuntimeException stuck) {
            failed.addSuppressed(stuck);
        }
        registry.release(name);
        registry.recordProblem(name, failed.getMessage());
        logger.error("Linux NIC '{}' not started: {}", name, failed.getMessage());
        return failed;
    }

    private Dictionary<String, Object> properties(InterfaceFacts facts) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PhysicalNic.NAME_PROPERTY, name);
        properties.put(PhysicalNic.DRIVER_PROPERTY, LinuxNic.DRIVER_NAME);
        properties.put(INTERFACE_PROPERTY, facts.name());
        return properties;
    }

    @Deactivate
    void deactivate() {
        takeDown(null);
    }

    /**
     * Takes the NIC away, once: on deactivation, or from the link monitor when the interface was deleted ({@code why}
     * says so; the configuration then stays, and the NIC is reported as a problem until it is removed).
     */
    private void takeDown(String why) {
        if (!takenDown.compareAndSet(false, true)) {
            return;
        }
        try {
            if (registration != null) { // null only if the interface went while the constructor ran
                registration.unregister();
            }
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself.
        }
        try {
            nic.stopIo();
            world.run(nic::closeRings);
            socket.close();
        } catch (RuntimeException stuck) {
            // A thread that did not stop may still use the socket's memory: leave it mapped rather than crash.
            logger.error("Linux NIC '{}' did not stop cleanly: {}", name, stuck.getMessage());
        } finally {
            registry.release(name);
        }
        if (why == null) {
            logger.info("Linux NIC '{}' removed", name);
        } else {
            registry.recordProblem(name, "removed: " + why);
            logger.warn("Linux NIC '{}' removed: {}", name, why);
        }
    }
}
