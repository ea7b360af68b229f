package org.nicmanager.nicmanager.engine;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which bond each configuration is, so that a deleted configuration, whose properties are gone, still names its bond.
 * A named factory configuration ({@code org.nicmanager.bond~bond0}, as the {@code bond:} commands write it and
 * FileInstall makes it from {@code conf/org.nicmanager.bond-bond0.cfg}) is its bond's by its name; one with a
 * generated PID (another tool's {@code createFactoryConfiguration}) is known by its {@code name} property, as last
 * seen.
 */
final class BondConfigNames {

    private static final String NAMED_PREFIX = ConfigAdminBondStore.FACTORY_PID + "~";

    private final Map<String, String> bondOfPid = new ConcurrentHashMap<>();

    /**
     * The bond a configuration with these properties is, remembered for its deletion: its {@code name} property, or
     * else the configuration's name.
     *
     * @throws IllegalArgumentException for no name at all, a name other than the configuration's, or a new name for
     *             a configuration already seen: a bond's name does not change
     */
    String named(String pid, Dictionary<String, Object> properties) {
        String configurationName = configurationName(pid);
        Object property = properties.get("name");
        String name = property != null ? property.toString() : configurationName;
        if (name == null) {
            throw new IllegalArgumentException("no name in configuration " + pid + ": set name to the bond's name");
        }
        if (configurationName != null && !configurationName.equals(name)) {
            throw new IllegalArgumentException("bad name '" + name + "': configuration " + pid + " is bond "
                    + configurationName + "'s, and a bond's configuration is named after the bond");
        }
        String known = bondOfPid.get(pid);
        if (known != null && !known.equals(name)) {
            throw new IllegalArgumentException("bad name '" + name + "': configuration " + pid + " is bond " + known
                    + "'s, and a bond keeps its name; delete this configuration and make one for " + name);
        }
        bondOfPid.put(pid, name);
        return name;
    }

    /** Remembers the bonds of configurations that exist already, as far as they name one; refuses nothing. */
    void remember(String pid, Dictionary<String, Object> properties) {
        Object property = properties.get("name");
        String name = property != null ? property.toString() : configurationName(pid);
        if (name != null) {
            bondOfPid.put(pid, name);
        }
    }

    /** The bond a deleted configuration was, or {@code null} when it never named one. */
    String forget(String pid) {
        String known = bondOfPid.remove(pid);
        return known != null ? known : configurationName(pid);
    }

    /** The bond a named factory configuration is for ({@code bond0} of {@code org.nicmanager.bond~bond0}), or null. */
    static String configurationName(String pid) {
        return pid.startsWith(NAMED_PREFIX) ? pid.substring(NAMED_PREFIX.length()) : null;
    }
}
