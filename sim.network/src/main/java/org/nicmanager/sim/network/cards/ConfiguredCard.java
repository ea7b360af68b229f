package org.nicmanager.sim.network.cards;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One configured simulated card (factory configuration {@value #FACTORY_PID}). It only declares the card; the
 * {@link DriverExtender} builds it once a driver for its model is registered, and takes it down when the driver goes.
 * {@code hw:nic add} writes such a configuration.
 */
@Component(service = ConfiguredCard.class, configurationPid = ConfiguredCard.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredCard.Config.class, factory = true)
public final class ConfiguredCard {

    public static final String FACTORY_PID = "org.nicmanager.sim.card";
    /** Configuration and service properties. */
    public static final String NAME = "name";
    public static final String MODEL = "model";
    public static final String SWITCH_NAME = "switchName";

    @ObjectClassDefinition(name = "Simulated card",
            description = "A simulated NIC, cabled to a free port of a switch. It appears once its model's driver"
                    + " bundle is started.")
    public @interface Config {

        @AttributeDefinition(name = "Name", description = "The NIC's name, e.g. vmnic0.")
        String name();

        @AttributeDefinition(name = "Model",
                description = "The card model, e.g. e100 or e1000; the card appears while its driver is started.")
        String model();

        @AttributeDefinition(name = "Switch", description = "The switch the card is cabled to.")
        String switchName();
    }

    private final String name;
    private final String model;
    private final String switchName;

    @Activate
    public ConfiguredCard(Config config) {
        // Absent attributes read as empty names, which the extender reports with the configuration's other values.
        this.name = orEmpty(config.name());
        this.model = orEmpty(config.model());
        this.switchName = orEmpty(config.switchName());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    public String name() {
        return name;
    }

    public String model() {
        return model;
    }

    public String switchName() {
        return switchName;
    }

    @Override
    public String toString() {
        return "card '" + name + "' (model '" + model + "', switch '" + switchName + "')";
    }
}
