package org.nicmanager.sim.network.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The factory configurations that the {@code hw:} commands write for switches and cards, one per name. They are named
 * configurations ({@code factoryPid~name}), so the PID says which device a configuration is for.
 */
final class FactoryConfigurations {

    /** Any bundle may take the configuration: the components that read it live in this bundle, but SCR binds it. */
    private static final String ANY_LOCATION = "?";
    private static final String NAME = "name";

    private final ConfigurationAdmin admin;

    FactoryConfigurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** The configuration of {@code factoryPid} whose {@code name} property is {@code name}, however it was made. */
    Optional<Configuration> find(String factoryPid, String name) throws IOException {
        Configuration[] found;
        try {
            found = admin.listConfigurations("(&(service.factoryPid=" + factoryPid + ")(" + NAME + "=" + name + "))");
        } catch (InvalidSyntaxException badName) {
            throw new IllegalArgumentException("bad name '" + name + "'", badName);
        }
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /** Writes a new configuration; the caller has checked that none of that name exists. */
    Configuration create(String factoryPid, String name, Dictionary<String, Object> properties) throws IOException {
        properties.put(NAME, name);
        Configuration configuration = admin.getFactoryConfiguration(factoryPid, name, ANY_LOCATION);
        configuration.update(properties);
        return configuration;
    }
}
