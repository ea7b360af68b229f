package org.nicmanager.nicmanager.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keeps each bond as a factory configuration of {@value #FACTORY_PID} named after the bond, so that bonds outlive the
 * NIC manager that made them: the other variant finds them when it starts ([0076]-[0082]).
 */
public final class ConfigAdminBondStore implements BondStore {

    public static final String FACTORY_PID = "org.nicmanager.bond";

    /** The configuration of one bond (the properties of a {@value #FACTORY_PID} configuration). */
    @ObjectClassDefinition(pid = FACTORY_PID, name = "Bond",
            description = "A team of physical NICs with a load-distribution policy (patent [0059]-[0071])")
    public @interface BondConfiguration {

        @AttributeDefinition(description = "The bond's name")
        String name();

        @AttributeDefinition(description = "Load distribution, as bond:create --policy takes it, e.g. hash-l34;"
                + " empty: the NIC manager's default, per-vm (kernel-integrated) or failover-order (loadable)")
        String policy() default "";

        @AttributeDefinition(description = "IMMEDIATE, DELAYED or MANUAL")
        String failback() default "IMMEDIATE";

        @AttributeDefinition(description = "For DELAYED failback: how long a member stays up before it carries"
                + " traffic again, in milliseconds")
        long failbackHoldDownMs() default 2000;

        @AttributeDefinition(description = "Its NICs in failover order")
        String[] nics() default {};

        @AttributeDefinition(description = "Link aggregation: off, static, active or passive (LACP)")
        String lacp() default "off";

        @AttributeDefinition(description = "LACP: fast (LACPDUs every second, 3 s timeout) or slow (30 s, 90 s)")
        String lacpRate() default "slow";

        @AttributeDefinition(description = "LACP: fall back to active-backup after this many milliseconds without a"
                + " partner speaking LACP; 0 never")
        long lacpFallbackMs() default 0;

        @AttributeDefinition(description = "LACP: members that must distribute for the aggregate to carry traffic")
        int lacpMinLinks() default 1;

        @AttributeDefinition(description = "ARP monitor: IPv4 addresses asked through every member, separated by"
                + " commas (at most 16); empty: off")
        String arpTargets() default "";

        @AttributeDefinition(description = "ARP monitor: milliseconds between two rounds of probes")
        long arpIntervalMs() default 1000;

        @AttributeDefinition(description = "ARP monitor: intervals without an answer before a member is UNREACHABLE")
        int arpMissedMax() default 2;

        @AttributeDefinition(description = "ARP monitor: what proves a member alive, as Linux's arp_validate: none"
                + " (any frame received), active, backup, all (those members only by ARP answering the probes),"
                + " filter, filter_active, filter_backup (the others only by ARP)")
        String arpValidate() default "none";

        @AttributeDefinition(description = "ARP monitor: any, or all (a validated member needs an answer from every"
                + " target), as Linux's arp_all_targets")
        String arpAllTargets() default "any";

        @AttributeDefinition(description = "A member whose carrier returns carries traffic only after it stayed up"
                + " this many milliseconds (Linux's updelay); 0 at once")
        long updelayMs() default 0;

        @AttributeDefinition(description = "A member whose carrier goes is failed over only after it stayed down this"
                + " many milliseconds (Linux's downdelay); 0 at once")
        long downdelayMs() default 0;

        @AttributeDefinition(description = "Fail over a member whose transmit ring stays full this many milliseconds"
                + " (patent [0101]-[0102]), and bring it back by the failback mode once it has room; 0: never (a full"
                + " ring makes frames wait), else 1 to 3600000")
        long failoverOnBusyMs() default 0;

        @AttributeDefinition(description = "Policy load-based: a member's port moves only when the member has sent at"
                + " least this percentage of its line rate (1 to 99) in every second of the window",
                min = "" + LoadBasedSettings.MIN_THRESHOLD_PERCENT, max = "" + LoadBasedSettings.MAX_THRESHOLD_PERCENT)
        int loadBasedThresholdPercent() default LoadBasedSettings.DEFAULT_THRESHOLD_PERCENT;

        @AttributeDefinition(description = "Policy load-based: for how many seconds (1 to 3600) a member must stay at"
                + " or over the threshold before one of its ports moves",
                min = "" + LoadBasedSettings.MIN_WINDOW_SECONDS, max = "" + LoadBasedSettings.MAX_WINDOW_SECONDS)
        int loadBasedWindowSeconds() default LoadBasedSettings.DEFAULT_WINDOW_SECONDS;
    }

    /** Settings a writer may not know: it keeps what is stored. */
    private static final String[] LACP_KEYS = {"lacp", "lacpRate", "lacpFallbackMs", "lacpMinLinks"};
    private static final String[] ARP_KEYS = {"arpTargets", "arpIntervalMs", "arpMissedMax", "arpValidate",
        "arpAllTargets"};
    private static final String[] BUSY_KEYS = {"failoverOnBusyMs"};
    private static final String[] LOAD_BASED_KEYS = {"loadBasedThresholdPercent", "loadBasedWindowSeconds"};

    private final ConfigurationAdmin configurations;

    public ConfigAdminBondStore(ConfigurationAdmin configurations) {
        this.configurations = configurations;
    }

    @Override
    public List<BondConfig> load(List<String> refusals) {
        return load(refusals, bond -> { });
    }

    @Override
    public List<BondConfig> load(List<String> refusals, Consumer<BondConfig> check) {
        List<BondConfig> bonds = new ArrayList<>();
        for (Map.Entry<String, Dictionary<String, Object>> stored : byPid().entrySet()) {
            String pid = stored.getKey();
            Object property = stored.getValue().get("name");
            String name = property != null ? property.toString() : BondConfigNames.configurationName(pid);
            if (name == null) {
                refusals.add("bond configuration " + pid + " was not restored: it has no name; set name to the"
                        + " bond's name");
                continue;
            }
            try {
                BondConfig bond = BondConfigParser.parse(name, stored.getValue());
                check.accept(bond);
                bonds.add(bond);
            } catch (IllegalArgumentException refused) {
                refusals.add("bond " + name + " (configuration " + pid + ") was not restored: " + refused.getMessage());
            }
        }
        return bonds;
    }

    /** Every bond configuration's properties, by PID. */
    Map<String, Dictionary<String, Object>> byPid() {
        Map<String, Dictionary<String, Object>> found = new LinkedHashMap<>();
        for (Configuration configuration : list("")) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null) {
                found.put(configuration.getPid(), properties);
            }
        }
        return found;
    }

    /** The properties of one bond configuration as they are now; empty once it is deleted. */
    Optional<Dictionary<String, Object>> properties(String pid) {
        return Optional.ofNullable(byPid(pid));
    }

    private Dictionary<String, Object> byPid(String pid) {
        for (Configuration configuration : list("(service.pid=" + ldapValue(pid) + ")")) {
            if (configuration.getProperties() != null) {
                return configuration.getProperties();
            }
        }
        return null;
    }

    /** A PID as an OSGi filter value: its backslashes, asterisks and parentheses escaped with a backslash. */
    private static String ldapValue(String text) {
        return text.replaceAll("([\\\\*()])", "\\\\$1");
    }

    @Override
    public void save(BondConfig bond) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", bond.name());
        properties.put("policy", bond.policy());
        properties.put("failback", bond.failback().name());
        properties.put("failbackHoldDownMs", bond.failbackHoldDownMs());
        properties.put("nics", bond.nics().toArray(String[]::new));
        try {
            Configuration configuration = configurations.getFactoryConfiguration(FACTORY_PID, bond.name(), "?");
            if (bond.lacp() != null) {
                properties.put("lacp", bond.lacp().modeName());
                properties.put("lacpRate", bond.lacp().rateName());
                properties.put("lacpFallbackMs", bond.lacp().fallbackNanos() / 1_000_000);
                properties.put("lacpMinLinks", bond.lacp().minLinks());
            } else {
                keepStored(configuration, properties, LACP_KEYS);
            }
            if (bond.arpMonitor() != null) {
                properties.put("arpTargets", bond.arpMonitor().targetsText());
                properties.put("arpIntervalMs", bond.arpMonitor().intervalNanos() / 1_000_000);
                properties.put("arpMissedMax", bond.arpMonitor().missedMax());
                properties.put("arpValidate", bond.arpMonitor().validate().linuxName());
                properties.put("arpAllTargets", bond.arpMonitor().allTargetsName());
            } else {
                keepStored(configuration, properties, ARP_KEYS);
            }
            if (bond.carrierDelays() != null) {
                properties.put("updelayMs", bond.carrierDelays().upNanos() / 1_000_000);
                properties.put("downdelayMs", bond.carrierDelays().downNanos() / 1_000_000);
            } else {
                keepStored(configuration, properties, BondConfigParser.CARRIER_KEYS);
            }
            if (bond.failoverOnBusyMs() != null) {
                properties.put("failoverOnBusyMs", bond.failoverOnBusyMs());
            } else {
                keepStored(configuration, properties, BUSY_KEYS);
            }
            if (bond.loadBased() != null) {
                properties.put("loadBasedThresholdPercent", bond.loadBased().thresholdPercent());
                properties.put("loadBasedWindowSeconds", bond.loadBased().windowSeconds());
            } else {
                keepStored(configuration, properties, LOAD_BASED_KEYS);
            }
            ConfigurationFiles.update(configuration, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store bond " + bond.name() + " in ConfigAdmin", e);
        }
    }

    /** A writer that does not know these settings keeps what is stored. */
    private static void keepStored(Configuration configuration, Dictionary<String, Object> properties, String[] keys) {
        Dictionary<String, Object> stored = configuration.getProperties();
        for (String key : keys) {
            Object value = stored == null ? null : stored.get(key);
            if (value != null) {
                properties.put(key, value);
            }
        }
    }

    @Override
    public void delete(String bond) {
        try {
            configurations.getFactoryConfiguration(FACTORY_PID, bond, "?").delete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete bond " + bond + " from ConfigAdmin", e);
        }
    }

    /** The bond configurations that also match {@code more}, an LDAP filter or nothing. */
    private Configuration[] list(String more) {
        try {
            Configuration[] found = configurations.listConfigurations("(&(service.factoryPid=" + FACTORY_PID + ")"
                    + more + ")");
            return found == null ? new Configuration[0] : found;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot list bonds in ConfigAdmin", e);
        }
    }
}
