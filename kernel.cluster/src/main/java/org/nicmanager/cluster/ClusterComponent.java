package org.nicmanager.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.nicmanager.cluster.zk.ClusterNode;
import org.nicmanager.cluster.zk.EmbeddedServer;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.VmFenceListener;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmPlacement;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * This host in a cluster (issue 16): there only when configuration {@value ClusterSettings#PID} exists, which the
 * launcher writes for {@code --cluster}. Without it (a standalone host) this class is never loaded, and so no class of
 * ZooKeeper or Curator is. It starts the embedded server when asked, joins the ensemble, keeps this host's record up to
 * date as its NICs, bonds, VMs and allocations change, mirrors the cluster's VMs into the local services
 * ({@link ManagedVms}), places VMs for {@code vm:start}, and posts the cluster's events under {@code nicmgr/cluster/*}.
 */
@Component(service = {ClusterView.class, EventHandler.class, VmPlacement.class}, immediate = true, configurationPid = ClusterSettings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
                EventConstants.EVENT_TOPIC + "=nicmgr/nic/*",
                EventConstants.EVENT_TOPIC + "=nicmgr/bond/*",
                EventConstants.EVENT_TOPIC + "=nicmgr/vm/*",
                EventConstants.EVENT_TOPIC + "=nicmgr/resource/ALLOCATION_CHANGED",
                EventConstants.EVENT_TOPIC + "=nicmgr/resource/CAPACITY_CHANGED"})
@Designate(ocd = ClusterComponent.Config.class)
public final class ClusterComponent implements ClusterView, EventHandler, VmPlacement {

    @ObjectClassDefinition(name = "NIC Manager cluster",
            description = "Joins this host to a cluster of hosts kept in Apache ZooKeeper.")
    public @interface Config {

        @AttributeDefinition(name = "Connect string", description = "The ZooKeeper ensemble, HOST:PORT[,HOST:PORT...]"
                + "[/CHROOT], or embedded[:PORT] for a standalone server inside this host (port 0: any free one).")
        String connectString();

        @AttributeDefinition(name = "Host id", description = "This host's name in the cluster: 1 to 64 letters,"
                + " digits, '.', '_' or '-'. Empty: the machine's host name.")
        String hostId() default "";

        @AttributeDefinition(name = "Session timeout (ms)", description = "How long the ensemble waits for a silent"
                + " host before it counts it gone.", min = "1000", max = "120000")
        int sessionTimeoutMs() default ClusterSettings.DEFAULT_SESSION_TIMEOUT_MS;

        @AttributeDefinition(name = "Embedded server's data directory", description = "Where an embedded server keeps"
                + " its data. Empty: a temporary directory, removed when the host stops.")
        String dataDirectory() default "";
    }

    private static final String ALLOCATION_FACTORY_PID = "org.nicmanager.resource.allocation";
    private static final String ALLOCATION_VM = "vm";
    private static final String ALLOCATION_RESERVATION = "reservationBps";

    private final EventAdmin eventAdmin;
    private final ConfigurationAdmin configurations;
    private final Logger logger;
    private final HostIdentity identity;
    private final ManagedVms managedVms;
    private EmbeddedServer server;
    private Path temporaryData;
    private ClusterNode node;
    private ClusterStatus refused;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BondDirectory bonds;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NicInventory nics;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmManager vms;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NetworkWorld world;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Alerter alerter;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KernelClock clock;

    @Activate
    public ClusterComponent(Config config, Map<String, Object> properties, BundleContext context,
            @Reference EventAdmin eventAdmin, @Reference ConfigurationAdmin configurations,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.eventAdmin = eventAdmin;
        this.configurations = configurations;
        this.logger = logger;
        this.managedVms = new ManagedVms(() -> vms, () -> world, configurations);
        ClusterSettings settings;
        try {
            settings = ClusterSettings.read(config, properties);
        } catch (ConfigurationRefused bad) {
            logger.error("{}", bad.getMessage());
            eventAdmin.postEvent(new Event(ConfigurationRefused.TOPIC, bad.eventProperties()));
            identity = null;
            refused = new ClusterStatus(config.hostId(), MembershipState.REFUSED, SessionState.CLOSED, null, false,
                    config.connectString(), false, config.sessionTimeoutMs(), bad.getMessage());
            return;
        }
        identity = HostIdentity.ofThisProcess(settings.hostId(), context.getBundle().getVersion().toString());
        join(settings);
    }

    private void join(ClusterSettings settings) {
        String connectString = settings.ensemble().connectString();
        if (settings.ensemble().embedded()) {
            try {
                Path data = dataDirectory(settings);
                server = EmbeddedServer.start(settings.ensemble().embeddedPort(), data);
                connectString = server.connectString();
                logger.info("embedded ZooKeeper server listening on {}, data in {}", connectString, data);
            } catch (IOException | RuntimeException | LinkageError failed) {
                String why = "the embedded ZooKeeper server did not start on port "
                        + settings.ensemble().embeddedPort() + ": " + failed.getMessage();
                logger.error("{}", why);
                post(ClusterTopics.SESSION, settings.hostId(), why);
                refused = new ClusterStatus(settings.hostId(), MembershipState.REFUSED, SessionState.CLOSED, null,
                        false, "embedded:" + settings.ensemble().embeddedPort(), true, settings.sessionTimeoutMs(),
                        why);
                deleteTemporaryData();
                return;
            }
        }
        node = new ClusterNode(connectString, server != null, settings.hostId(), settings.sessionTimeoutMs(),
                this::describe, this::post, managedVms);
        node.start();
    }

    private Path dataDirectory(ClusterSettings settings) throws IOException {
        if (!settings.dataDirectory().isEmpty()) {
            return Files.createDirectories(Path.of(settings.dataDirectory()));
        }
        temporaryData = Files.createTempDirectory("nicmgr-zookeeper");
        return temporaryData;
    }

    @Override
    public ClusterStatus status() {
        ClusterNode joined = node;
        return joined != null ? joined.status() : refused;
    }

    @Override
    public List<HostRecord> hosts() {
        ClusterNode joined = node;
        return joined != null ? joined.hosts() : List.of();
    }

    @Override
    public String place(String vm, String host) {
        ClusterNode joined = node;
        if (joined == null) {
            throw new IllegalStateException("this host is not in a cluster: " + status().refusal());
        }
        return joined.place(vm, host);
    }

    /** {@code vm:list}'s host column. */
    @Override
    public Map<String, String> vmHosts() {
        ClusterNode joined = node;
        return joined != null ? joined.vmHosts() : Map.of();
    }

    /** {@code vm:start VM [--on HOST]}. */
    @Override
    public String start(String vm, String host) {
        return place(vm, host);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFenceListener(VmFenceListener listener) {
        managedVms.listenerAdded(listener);
    }

    void removeFenceListener(VmFenceListener listener) {
        managedVms.listenerRemoved(listener);
    }

    /** A NIC, bond, VM or allocation changed: the record is rewritten if what it says changed. */
    @Override
    public void handleEvent(Event event) {
        ClusterNode joined = node;
        if (joined != null) {
            joined.describeAgain();
        }
    }

    /** This host's record as it is now (on the cluster's worker thread). */
    private HostRecord describe() {
        BondDirectory bondDirectory = bonds;
        NicInventory inventory = nics;
        VmManager registry = vms;
        HostDescription.Network network = HostDescription.describe(
                bondDirectory == null ? List.of() : bondDirectory.bonds(),
                inventory == null ? List.of() : inventory.nics(),
                registry == null ? List.of() : registry.vms(), reservations());
        return identity.record(network);
    }

    /** Each VM's reservation, from the resource manager's allocation configurations. */
    private Map<String, Long> reservations() {
        Map<String, Long> reservations = new HashMap<>();
        try {
            Configuration[] found = configurations.listConfigurations(
                    "(service.factoryPid=" + ALLOCATION_FACTORY_PID + ")");
            for (Configuration allocation : found == null ? new Configuration[0] : found) {
                Object vm = allocation.getProperties().get(ALLOCATION_VM);
                Object reservation = allocation.getProperties().get(ALLOCATION_RESERVATION);
                if (vm != null && reservation instanceof Number bps) {
                    reservations.put(vm.toString(), bps.longValue());
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException unreadable) {
            logger.warn("the VMs' reservations could not be read for the cluster record: {}", unreadable.getMessage());
        }
        return reservations;
    }

    private void post(String topic, String subject, String details) {
        KernelClock kernelClock = clock;
        Map<String, Object> properties = new HashMap<>();
        properties.put(ClusterTopics.SUBJECT, subject);
        properties.put(ClusterTopics.DETAILS, details);
        properties.put(ClusterTopics.TIME, kernelClock == null ? 0L : kernelClock.nanoTime());
        Alerter alerts = alerter;
        if (topic.equals(ClusterTopics.VMS_NOT_RESTARTED) && alerts != null) {
            alerts.raise(topic, subject, details); // the alert is the event, with a log line and the notifiers
            return;
        }
        if (topic.equals(ClusterTopics.HOST_ID_TAKEN) || topic.equals(ClusterTopics.RECORD_MALFORMED)
                || topic.equals(ClusterTopics.VMS_NOT_RESTARTED)) {
            logger.error("{}", details);
        } else {
            logger.info("{}", details);
        }
        eventAdmin.postEvent(new Event(topic, properties));
    }

    @Deactivate
    void deactivate() throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            deleteTemporaryData();
        }
    }

    private void deleteTemporaryData() {
        if (temporaryData == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(temporaryData)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException leftBehind) {
            logger.warn("the embedded server's temporary data {} was not all removed: {}", temporaryData,
                    leftBehind.getMessage());
        }
        temporaryData = null;
    }
}
