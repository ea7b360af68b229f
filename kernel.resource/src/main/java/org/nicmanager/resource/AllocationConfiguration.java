package org.nicmanager.resource;

import java.util.Dictionary;
import java.util.Hashtable;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.StoredAllocation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One VM's network allocation, stored in ConfigAdmin (factory configuration {@value #FACTORY_PID}, one per VM, named
 * by the VM: {@code org.nicmanager.resource.allocation~web1}). {@code net:alloc} writes it; it can also come from a
 * file. Each change is handed to the resource manager, which checks it and puts it in force.
 */
@Component(service = {}, immediate = true, configurationPid = AllocationConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE) // immediate: it registers nothing, it hands on its values
@Designate(ocd = AllocationConfiguration.Config.class, factory = true)
public final class AllocationConfiguration {

    public static final String FACTORY_PID = "org.nicmanager.resource.allocation";
    public static final String VM = "vm";
    public static final String SHARES = "shares";
    public static final String RESERVATION_BPS = "reservationBps";
    public static final String LIMIT_BPS = "limitBps";
    public static final String AVERAGE_BPS = "averageBps";
    public static final String PEAK_BPS = "peakBps";
    public static final String BURST_BYTES = "burstBytes";
    public static final String PEAK_PERIOD_MS = "peakPeriodMs";
    public static final String PRIORITY = "priority";
    public static final String REVISION = "revision";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @ObjectClassDefinition(name = "VM network allocation",
            description = "A VM's share of the bandwidth of the bond or NIC it sends through. Rates count bits on the"
                    + " wire; 0 means none.")
    public @interface Config {

        @AttributeDefinition(name = "VM", description = "The VM's name.")
        String vm();

        @AttributeDefinition(name = "Shares", description = "Proportional share, within the resource manager's"
                + " share bounds (1..100000 unless configured otherwise).", min = "1")
        int shares() default ResourceSettings.DEFAULT_SHARES;

        @AttributeDefinition(name = "Reservation (bps)", description = "Minimum bandwidth, kept while the"
                + " reservations fit the capacity, in priority order.", min = "0")
        long reservationBps() default 0;

        @AttributeDefinition(name = "Limit (bps)", description = "Hard cap.", min = "0")
        long limitBps() default 0;

        @AttributeDefinition(name = "Average (bps)", description = "Shaping: long-run average.", min = "0")
        long averageBps() default 0;

        @AttributeDefinition(name = "Peak (bps)", description = "Shaping: most in any peak period.", min = "0")
        long peakBps() default 0;

        @AttributeDefinition(name = "Burst (bytes)", description = "Shaping: most above the average at once; at least"
                + " one maximum frame (9046 bytes).", min = "0")
        long burstBytes() default 0;

        @AttributeDefinition(name = "Peak period (ms)", description = "Shaping: the window the peak is enforced over.",
                min = "0")
        long peakPeriodMs() default 0;

        /** A string without a default, so that an absent priority stays absent (an int would default to 0). */
        @AttributeDefinition(name = "Priority", type = AttributeType.INTEGER, required = false,
                description = "Network priority 0..10; when absent, the VM's own priority.", min = "0", max = "10")
        String priority();

        @AttributeDefinition(name = "Revision", required = false,
                description = "Written by net:alloc; leave it out when writing by hand.")
        long revision() default 0;
    }

    private final ResourceControl control;
    private String vm = "";

    @Activate
    public AllocationConfiguration(Config config, @Reference ResourceControl control) {
        this.control = control;
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    @Deactivate
    void deactivate() {
        if (!vm.isEmpty()) {
            control.unconfigured(vm);
        }
    }

    private void apply(Config config) {
        String named = config.vm() == null ? "" : config.vm().trim();
        if (!named.equals(vm) && !vm.isEmpty()) {
            control.unconfigured(vm);
        }
        vm = named;
        String priority = config.priority();
        NetworkAllocation allocation = new NetworkAllocation(config.shares(), config.reservationBps(),
                config.limitBps(), config.averageBps(), config.peakBps(), config.burstBytes(),
                config.peakPeriodMs() * NANOS_PER_MILLI, priority == null ? Priority.DEFAULT : level(priority));
        control.configured(named, allocation, priority != null, config.revision());
    }

    /** A priority as configured; one that is not a number is out of range, and refused as such. */
    private static int level(String priority) {
        try {
            return Integer.parseInt(priority.trim());
        } catch (NumberFormatException notANumber) {
            return Integer.MIN_VALUE;
        }
    }

    /** The configuration properties of a stored allocation (what {@code net:alloc} writes back). */
    static Dictionary<String, Object> properties(String vm, StoredAllocation stored) {
        NetworkAllocation allocation = stored.allocation();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(VM, vm);
        properties.put(SHARES, allocation.shares());
        properties.put(RESERVATION_BPS, allocation.reservationBps());
        properties.put(LIMIT_BPS, allocation.limitBps());
        properties.put(AVERAGE_BPS, allocation.averageBps());
        properties.put(PEAK_BPS, allocation.peakBps());
        properties.put(BURST_BYTES, allocation.burstBytes());
        properties.put(PEAK_PERIOD_MS, allocation.peakPeriodNanos() / NANOS_PER_MILLI);
        if (stored.priorityGiven()) {
            properties.put(PRIORITY, allocation.priority());
        }
        properties.put(REVISION, stored.revision());
        return properties;
    }
}
