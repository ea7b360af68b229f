package org.nicmanager.sim.network.model;

/**
 * How much a simulated world may hold, so that a runaway script is refused by name instead of filling the heap. Each
 * limit is an attribute of the {@code org.nicmanager.sim.network} configuration.
 *
 * @param maxSwitches switches in the world
 * @param maxSwitchPorts ports of all switches together (each port owns an egress queue and counters)
 * @param maxHosts external hosts, flood sources included
 */
public record WorldLimits(int maxSwitches, int maxSwitchPorts, int maxHosts) {

    public static final String MAX_SWITCHES = "maxSwitches";
    public static final String MAX_SWITCH_PORTS = "maxSwitchPorts";
    public static final String MAX_HOSTS = "maxHosts";
    public static final int DEFAULT_MAX_SWITCHES = 4_096;
    public static final int DEFAULT_MAX_SWITCH_PORTS = 131_072;
    public static final int DEFAULT_MAX_HOSTS = 4_096;
    /** The highest {@link #maxSwitches} and {@link #maxHosts} a configuration may set. */
    public static final int CEILING = 65_536;
    /** The highest {@link #maxSwitchPorts} a configuration may set. */
    public static final int PORTS_CEILING = 1_048_576;

    public WorldLimits {
        if (maxSwitches < 1 || maxSwitchPorts < 1 || maxHosts < 1) {
            throw new IllegalArgumentException("world limits must be at least 1: " + maxSwitches + " switches, "
                    + maxSwitchPorts + " switch ports, " + maxHosts + " hosts");
        }
    }

    public static WorldLimits defaults() {
        return new WorldLimits(DEFAULT_MAX_SWITCHES, DEFAULT_MAX_SWITCH_PORTS, DEFAULT_MAX_HOSTS);
    }

    /** Refuses one more switch of {@code ports} ports beside {@code switches} switches of {@code portsInUse} ports. */
    void admitSwitch(String name, int ports, int switches, long portsInUse) {
        if (switches >= maxSwitches) {
            throw new IllegalArgumentException("switch '" + name + "' refused: the world holds " + switches
                    + " switches, the limit " + MAX_SWITCHES + " = " + maxSwitches
                    + " of configuration org.nicmanager.sim.network");
        }
        if (portsInUse + ports > maxSwitchPorts) {
            throw new IllegalArgumentException("switch '" + name + "' refused: its " + ports + " ports would make "
                    + (portsInUse + ports) + " switch ports, beyond the limit " + MAX_SWITCH_PORTS + " = "
                    + maxSwitchPorts + " of configuration org.nicmanager.sim.network");
        }
    }

    /** Refuses one more host beside {@code hosts}. */
    void admitHost(String name, int hosts) {
        if (hosts >= maxHosts) {
            throw new IllegalArgumentException("host '" + name + "' refused: the world holds " + hosts
                    + " hosts, the limit " + MAX_HOSTS + " = " + maxHosts + " of configuration org.nicmanager.sim.network");
        }
    }
}
