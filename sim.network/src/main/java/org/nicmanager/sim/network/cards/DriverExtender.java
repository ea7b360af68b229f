package org.nicmanager.sim.network.cards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.api.SimulatedNicDriver;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The extender of the simulated-card driver bundles (patent step 752). For each {@link ConfiguredCard} whose model
 * has a registered {@link SimulatedNicDriver}, it builds the card in the world and registers it as a
 * {@link PhysicalNic} service <em>in the driver's bundle context</em>: when the driver stops, is updated or is
 * uninstalled, its NICs leave with it, and they come back when it starts again.
 *
 * <p>A card that cannot be built yet waits and is retried on every change of drivers, cards or switches: without a
 * driver it waits silently (logged at INFO); when the world refuses it (an unknown or full switch, a name taken) the
 * reason is logged as a warning once and kept for {@link #problem}.
 */
@Component(service = DriverCatalog.class, immediate = true)
public final class DriverExtender implements DriverCatalog {

    /** Service property of the NICs registered here: the card's model. */
    public static final String MODEL_PROPERTY = SimulatedNicDriver.MODEL_PROPERTY;

    private record Driver(ServiceReference<SimulatedNicDriver> reference, NicModel model) {
    }

    /** A card built in the world and registered for its driver. */
    private record Built(ConfiguredCard config, Driver driver, ServiceRegistration<PhysicalNic> registration,
            ServiceReference<PhysicalNic> reference) {
    }

    private final Hardware hardware;
    private final Logger logger;
    // Guarded by this: SCR calls the bind methods on whatever thread changed the registry or the configuration.
    private final List<Driver> drivers = new ArrayList<>();
    private final List<ConfiguredCard> cards = new ArrayList<>();
    private final Map<String, Built> built = new TreeMap<>();
    private final Map<String, String> problems = new TreeMap<>();
    private boolean closed;

    @Activate
    public DriverExtender(@Reference Hardware hardware, @Reference(service = LoggerFactory.class) Logger logger) {
        this.hardware = hardware;
        this.logger = logger;
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        built.forEach(this::takeDown);
        built.clear();
    }

    // --- what is tracked -------------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDriver")
    synchronized void addDriver(SimulatedNicDriver driver, ServiceReference<SimulatedNicDriver> reference) {
        NicModel model = driver.model();
        Object announced = reference.getProperty(SimulatedNicDriver.MODEL_PROPERTY);
        if (!model.name().equals(announced)) {
            logger.error("driver {} of bundle {} announces model '{}' but its model is '{}'; ignored", model.driver(),
                    reference.getBundle().getSymbolicName(), announced, model.name());
            return;
        }
        drivers.add(new Driver(reference, model));
        reconcile();
    }

    synchronized void removeDriver(ServiceReference<SimulatedNicDriver> reference) {
        drivers.removeIf(driver -> driver.reference().equals(reference));
        reconcile();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeCard")
    synchronized void addCard(ConfiguredCard card) {
        String invalid = invalidity(card);
        if (invalid != null) {
            logger.error("{} is not built: {}", card, invalid);
            return;
        }
        cards.add(card);
        reconcile();
    }

    synchronized void removeCard(ConfiguredCard card) {
        cards.remove(card);
        reconcile();
    }

    /** A new switch may be the one a waiting card needs. The world cannot remove switches: removal changes nothing. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSwitch")
    synchronized void addSwitch(ConfiguredSwitch configuredSwitch) {
        reconcile();
    }

    void removeSwitch(ConfiguredSwitch configuredSwitch) {
        // Nothing to do: a switch outlives its configuration until the world is rebuilt.
    }

    private String invalidity(ConfiguredCard card) {
        try {
            Names.check("NIC", card.name());
        } catch (IllegalArgumentException badName) {
            return badName.getMessage();
        }
        if (card.model().isEmpty()) {
            return "no model; set 'model' to e100 or e1000";
        }
        if (card.switchName().isEmpty()) {
            return "no switch; set 'switchName'";
        }
        for (ConfiguredCard other : cards) {
            if (other.name().equals(card.name())) {
                return "another configuration already declares a card named '" + card.name() + "'";
            }
        }
        return null;
    }

    // --- DriverCatalog ---------------------------------------------------------------------------------------------

    @Override
    public synchronized SortedMap<String, NicModel> models() {
        SortedMap<String, NicModel> models = new TreeMap<>();
        chosenDrivers().forEach((name, driver) -> models.put(name, driver.model()));
        return Collections.unmodifiableSortedMap(models);
    }

    @Override
    public synchronized Optional<String> problem(String cardName) {
        return Optional.ofNullable(problems.get(cardName));
    }

    // --- building and taking down ----------------------------------------------------------------------------------

    /** Brings the built cards in line with the configured cards and the drivers present now. */
    private void reconcile() {
        if (closed) {
            return;
        }
        Map<String, Driver> chosen = chosenDrivers();
        Map<String, ConfiguredCard> wanted = new TreeMap<>();
        cards.forEach(card -> wanted.put(card.name(), card));
        for (Iterator<Map.Entry<String, Built>> entries = built.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<String, Built> entry = entries.next();
            Built card = entry.getValue();
            if (wanted.get(entry.getKey()) != card.config() || chosen.get(card.config().model()) != card.driver()) {
                takeDown(entry.getKey(), card);
                entries.remove();
            }
        }
        problems.keySet().retainAll(wanted.keySet());
        for (ConfiguredCard card : wanted.values()) {
            if (!built.containsKey(card.name())) {
                build(card, chosen.get(card.model()));
            }
        }
    }

    /** Per model, the driver with the highest service ranking (then the oldest). */
    private Map<String, Driver> chosenDrivers() {
        Map<String, Driver> chosen = new TreeMap<>();
        for (Driver driver : drivers) {
            chosen.merge(driver.model().name(), driver,
                    (present, other) -> present.reference().compareTo(other.reference()) >= 0 ? present : other);
        }
        return chosen;
    }

    private void build(ConfiguredCard card, Driver driver) {
        if (driver == null) {
            report(card, "no driver for model '" + card.model() + "' is registered; models with a driver: "
                    + (drivers.isEmpty() ? "none" : String.join(", ", chosenDrivers().keySet())), false);
            return;
        }
        BundleContext driverContext = contextOf(driver.reference().getBundle());
        if (driverContext == null) {
            report(card, "the driver bundle of model '" + card.model() + "' is not active", false);
            return;
        }
        SimulatedCard simulated;
        try {
            simulated = hardware.call(world -> world.createCard(card.name(), driver.model(), card.switchName()));
        } catch (IllegalArgumentException refused) {
            report(card, refused.getMessage(), true);
            return;
        }
        ServiceRegistration<PhysicalNic> registration = driverContext.registerService(PhysicalNic.class, simulated,
                properties(card, driver.model()));
        built.put(card.name(), new Built(card, driver, registration, registration.getReference()));
        problems.remove(card.name());
        logger.info("{} built at {}, registered by {}", card, simulated.attachment(),
                driverContext.getBundle().getSymbolicName());
    }

    private static BundleContext contextOf(Bundle bundle) {
        return bundle == null ? null : bundle.getBundleContext();
    }

    private static Dictionary<String, Object> properties(ConfiguredCard card, NicModel model) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PhysicalNic.NAME_PROPERTY, card.name());
        properties.put(PhysicalNic.DRIVER_PROPERTY, model.driver());
        properties.put(MODEL_PROPERTY, model.name());
        return properties;
    }

    private void takeDown(String name, Built card) {
        // A stopping bundle's services are unregistered by the framework itself; the reference then has no bundle.
        if (card.reference().getBundle() != null) {
            card.registration().unregister();
        }
        hardware.run(world -> world.destroyCard(name));
        logger.info("{} taken down", card.config());
    }

    /** Records why a card waits; logs only when the reason changes, so retries do not repeat it. */
    private void report(ConfiguredCard card, String reason, boolean refusedByWorld) {
        if (reason.equals(problems.put(card.name(), reason))) {
            return;
        }
        if (refusedByWorld) {
            logger.warn("{} waits: {}", card, reason);
        } else {
            logger.info("{} waits: {}", card, reason);
        }
    }
}
