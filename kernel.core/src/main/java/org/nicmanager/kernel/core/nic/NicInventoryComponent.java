package org.nicmanager.kernel.core.nic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.names.NameSource;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Tracks the {@link PhysicalNic} services that drivers register (whiteboard) and keeps the kernel's inventory of them.
 * Each change is applied on the world thread and announced on EventAdmin (patent step 752: a new NIC appears).
 * Immediate: the inventory must follow every NIC from the start, not only while someone uses the service (a delayed
 * component would be dropped between two shell commands, forget its NICs and miss their removal).
 */
@Component(service = {NicInventory.class, NameSource.class}, immediate = true)
public final class NicInventoryComponent implements NicInventory, NameSource {

    /** Who owns the names of physical NICs in the {@link org.nicmanager.kernel.api.names.NameDirectory}. */
    static final String NAME_OWNER = "kernel.core";

    /** A NIC in the inventory, with the driver name read when it registered. */
    private record Registered(PhysicalNic nic, String driver) {
    }

    private final NetworkWorld world;
    private final KernelClock clock;
    private final EventAdmin events;
    private final Logger logger;
    /** World-owned: NICs by name. */
    private final Map<String, Registered> nics = new TreeMap<>();
    /** The NICs' names and MACs for the name directory: replaced on the world thread at each change, read anywhere. */
    private volatile List<NameEntry> names = List.of();

    @Activate
    public NicInventoryComponent(@Reference NetworkWorld world, @Reference KernelClock clock,
            @Reference EventAdmin events, @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.clock = clock;
        this.events = events;
        this.logger = logger;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNic(PhysicalNic nic) {
        // Read the name now: once a driver unregisters, its NIC object may no longer answer.
        String name = nic.name();
        String driver = nic.driver();
        world.post(() -> admit(nic, name, driver));
    }

    void removeNic(PhysicalNic nic) {
        world.post(() -> dismiss(nic));
    }

    private void admit(PhysicalNic nic, String name, String driver) {
        Registered present = nics.get(name);
        if (present != null) {
            String reason = "a NIC named '" + name + "' is already present (driver " + present.driver() + ")";
            logger.error("driver {} registered a NIC the kernel cannot take: {}", driver, reason);
            events.postEvent(event(NicTopics.REJECTED, name, driver, reason));
            return;
        }
        nics.put(name, new Registered(nic, driver));
        publishNames();
        events.postEvent(event(NicTopics.ADDED, name, driver, null));
    }

    private void dismiss(PhysicalNic nic) {
        nics.entrySet().removeIf(entry -> {
            if (entry.getValue().nic() != nic) {
                return false;
            }
            events.postEvent(event(NicTopics.REMOVED, entry.getKey(), entry.getValue().driver(), null));
            return true;
        });
        publishNames();
    }

    /** On the world thread, after a change: a burned-in MAC does not change while the NIC is present. */
    private void publishNames() {
        List<NameEntry> now = new ArrayList<>(nics.size());
        nics.forEach((name, registered) -> now.add(new NameEntry(name, NameKind.NIC,
                List.of(new MacAddress(registered.nic().macAddress())), NAME_OWNER)));
        names = List.copyOf(now);
    }

    @Override
    public List<NameEntry> names() {
        return names;
    }

    private Event event(String topic, String name, String driver, String reason) {
        Map<String, Object> properties = new TreeMap<>();
        properties.put(NicTopics.NAME, name);
        properties.put(NicTopics.DRIVER, driver);
        properties.put(NicTopics.TIME, clock.nanoTime());
        if (reason != null) {
            properties.put(NicTopics.REASON, reason);
        }
        return new Event(topic, properties);
    }

    @Override
    public List<NicInfo> nics() {
        return world.call(() -> {
            List<NicInfo> rows = new ArrayList<>(nics.size());
            for (Registered registered : nics.values()) {
                PhysicalNic nic = registered.nic();
                rows.add(new NicInfo(nic.name(), registered.driver(), MacAddress.format(nic.macAddress()), nic.speedBps(),
                        nic.mtuBytes(), nic.linkState()));
            }
            return rows;
        });
    }

    @Override
    public Optional<PhysicalNic> nic(String name) {
        return world.call(() -> Optional.ofNullable(nics.get(name)).map(Registered::nic));
    }
}
