package org.nicmanager.sim.network.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.services.NicAdmission;
import org.nicmanager.lib.services.ServiceWait;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.cards.ConfiguredCard;
import org.nicmanager.sim.network.cards.DriverCatalog;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.TopologyView.SwitchView;
import org.nicmanager.sim.network.model.TopologyView;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code hw:nic add} and {@code hw:nic remove}: simulated cards, declared as factory configurations that the driver
 * extender builds. Everything that can be checked is checked before the configuration is written, so a refusal changes
 * nothing; the command then waits until the card's NIC service is registered (or gone).
 */
@Component(service = CardCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=nic"})
public final class CardCommands {

    static final String USAGE_ADD = "hw:nic add NAME --model e100|e1000 --switch SW";
    static final String USAGE_REMOVE = "hw:nic remove NAME";

    /** What {@code hw:nic add} built. */
    public record CardAdded(String name, String model, String driver, String mac, long speedBps, int mtuBytes,
            String attachment) {
    }

    /** What {@code hw:nic remove} took away. */
    public record CardRemoved(String name) {
    }

    private final BundleContext context;
    private final Hardware hardware;
    private final DriverCatalog drivers;
    private final FactoryConfigurations configurations;
    private final NetworkWorld world;
    /** The kernel's inventory of NICs: always there in a host, absent only where this bundle runs alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile NicInventory inventory;

    @Activate
    public CardCommands(BundleContext context, @Reference Hardware hardware, @Reference DriverCatalog drivers,
            @Reference ConfigurationAdmin configurationAdmin, @Reference NetworkWorld world) {
        this.context = context;
        this.world = world;
        this.hardware = hardware;
        this.drivers = drivers;
        this.configurations = new FactoryConfigurations(configurationAdmin);
    }

    @Descriptor("Add a simulated card cabled to a free port of a switch (hw:nic add NAME --model e100|e1000"
            + " --switch SW; its driver bundle must be started), or remove one (hw:nic remove NAME)")
    public Object nic(
            @Descriptor("add: the card model, e100 or e1000") @Parameter(names = "--model",
                    absentValue = Words.ABSENT) String model,
            @Descriptor("add: the switch to cable the card to") @Parameter(names = "--switch",
                    absentValue = Words.ABSENT) String switchName,
            @Descriptor("add NAME | remove NAME") String... words) throws IOException, InterruptedException {
        String subcommand = Words.subcommand("hw:nic", words, USAGE_ADD + " | " + USAGE_REMOVE, "add", "remove");
        if (subcommand.equals("remove")) {
            if (Words.given(model) || Words.given(switchName)) {
                throw new IllegalArgumentException("hw:nic remove takes no options; expected: " + USAGE_REMOVE);
            }
            Words.expectCount(words, 2, USAGE_REMOVE);
            return remove(Names.check("NIC", words[1]));
        }
        Words.expectCount(words, 2, USAGE_ADD);
        String name = Names.check("NIC", words[1]);
        NicModel nicModel = driverFor(Words.required("--model", model, "e1000"));
        checkSwitchHasRoom(Words.required("--switch", switchName, "swA"));
        checkNameFree(name);
        return add(name, nicModel, switchName);
    }

    private NicModel driverFor(String modelName) {
        SortedMap<String, NicModel> models = drivers.models();
        NicModel nicModel = models.get(modelName);
        if (nicModel == null) {
            throw new IllegalArgumentException("no driver for model '" + modelName + "' is installed; models with a"
                    + " driver: " + (models.isEmpty() ? "none (start drivers.e100sim or drivers.e1000sim)"
                            : String.join(", ", models.keySet())));
        }
        return nicModel;
    }

    private void checkSwitchHasRoom(String switchName) {
        SwitchView target = hardware.call(world -> world.switchView(switchName).orElseThrow(
                () -> new IllegalArgumentException("unknown switch '" + switchName + "'; " + world.switchNames())));
        if (target.portsInUse() >= target.ports()) {
            throw new IllegalArgumentException("switch '" + switchName + "' is full: all " + target.ports()
                    + " ports are in use");
        }
    }

    /** The name must be free among the world's switches, cards and hosts, every NIC service and configured card. */
    private void checkNameFree(String name) throws IOException {
        if (hardware.call(world -> world.ownerKind(name)).isPresent()) {
            throw new IllegalArgumentException("the name '" + name + "' is already taken in the simulated world;"
                    + " NICs, hosts and switches need distinct names");
        }
        try (ServiceWait<PhysicalNic> nics = new ServiceWait<>(context, PhysicalNic.class, PhysicalNic.NAME_PROPERTY,
                name)) {
            if (nics.present()) {
                throw new IllegalArgumentException("the name '" + name + "' is taken by a NIC already present");
            }
        }
        if (configurations.find(ConfiguredCard.FACTORY_PID, name).isPresent()) {
            throw new IllegalArgumentException("a card named '" + name + "' is already configured");
        }
    }

    private CardAdded add(String name, NicModel nicModel, String switchName) throws IOException, InterruptedException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConfiguredCard.MODEL, nicModel.name());
        properties.put(ConfiguredCard.SWITCH_NAME, switchName);
        try (ServiceWait<PhysicalNic> registered = new ServiceWait<>(context, PhysicalNic.class,
                PhysicalNic.NAME_PROPERTY, name)) {
            Configuration configuration = configurations.create(ConfiguredCard.FACTORY_PID, name, properties);
            if (registered.awaitPresent() == null) {
                // Something changed between the checks and the build (e.g. the driver stopped): undo the declaration.
                String problem = drivers.problem(name).orElse("not built within " + ServiceWait.TIMEOUT_MILLIS + " ms");
                configuration.delete();
                throw new IllegalArgumentException("card '" + name + "' was not added: " + problem);
            }
        }
        NicAdmission.await(inventory, world, name, true);
        return hardware.call(world -> {
            SimulatedCard card = world.card(name).orElseThrow(
                    () -> new IllegalStateException("card '" + name + "' is registered but not in the world"));
            return new CardAdded(name, nicModel.name(), nicModel.driver(), MacAddress.format(card.macAddress()),
                    nicModel.speedBps(), nicModel.mtuBytes(), card.attachment());
        });
    }

    private CardRemoved remove(String name) throws IOException, InterruptedException {
        Configuration configuration = configurations.find(ConfiguredCard.FACTORY_PID, name).orElseThrow(
                () -> new IllegalArgumentException("no card named '" + name + "' is configured"));
        try (ServiceWait<PhysicalNic> registered = new ServiceWait<>(context, PhysicalNic.class,
                PhysicalNic.NAME_PROPERTY, name)) {
            configuration.delete();
            if (!registered.awaitAbsent()) {
                throw new IllegalStateException("card '" + name + "' was unconfigured but its NIC is still present"
                        + " after " + ServiceWait.TIMEOUT_MILLIS + " ms");
            }
        }
        NicAdmission.await(inventory, world, name, false);
        return new CardRemoved(name);
    }
}
