package org.nicmanager.dos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One VM's DoS policy in ConfigAdmin (factory configuration {@value #FACTORY_PID}, one per VM, named by the VM).
 * {@code dos:policy} writes it; it can also come from a file. Every value is checked against both its bounds; a bad one
 * is refused with a log line and a {@link ConfigurationRefused#TOPIC} event naming the file, the key, the value and
 * what is allowed, and the policy in force stays.
 */
@Component(service = PolicyConfiguration.class, configurationPid = PolicyConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PolicyConfiguration.Config.class, factory = true)
public final class PolicyConfiguration {

    public static final String FACTORY_PID = "org.nicmanager.dos.policy";
    static final String REVISION = "revision";
    /** A VM's name as the VM manager allows it. */
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    /** A bond's, a NIC's or a remote host's name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @ObjectClassDefinition(name = "VM DoS policy", description = "A VM's escalating responses to a Denial-of-Service"
            + " attack (patent [0126]-[0132]).")
    public @interface Config {

        @AttributeDefinition(description = "The VM's name.")
        String vm();

        @AttributeDefinition(description = "In escalation order: HOLD_INTERRUPTS, SUSPEND_LOWER_PRIORITY, FAIL_OVER,"
                + " MIGRATE (or hold, suspend, failover, migrate).")
        String[] responses() default {"HOLD_INTERRUPTS"};

        @AttributeDefinition(min = "1", max = "" + DosPolicy.MAX_ASSESSMENT_WINDOW_MS,
                description = "How long a suspicious frame's interrupt is held back.")
        long assessmentWindowMs() default DosPolicy.DEFAULT_ASSESSMENT_WINDOW_MS;

        @AttributeDefinition(min = "0", max = "" + DosPolicy.MAX_DELAY_MS,
                description = "Attack time between one response and the next; 0: all at once.")
        long escalateAfterMs() default DosPolicy.DEFAULT_ESCALATE_AFTER_MS;

        @AttributeDefinition(min = "0", max = "" + DosPolicy.MAX_DELAY_MS,
                description = "Quiet time after the attack before the responses are undone.")
        long restoreAfterQuietMs() default DosPolicy.DEFAULT_RESTORE_AFTER_QUIET_MS;

        @AttributeDefinition(required = false, description = "The bond or NIC FAIL_OVER moves the VM's virtual NICs"
                + " to.")
        String alternateUplink() default "";

        @AttributeDefinition(required = false, description = "The host MIGRATE asks to take the VM.")
        String migrationHost() default "";

        @AttributeDefinition(required = false, description = "Written by dos:policy; leave it out by hand.")
        long revision() default 0;
    }

    /** A checked policy, for the VM named, at the configuration's revision. */
    record Read(String vm, DosPolicy policy, long revision) {
    }

    private final DosDefenceComponent defence;
    private final EventAdmin events;
    private final Logger logger;
    private String vm = "";

    @Activate
    public PolicyConfiguration(Config config, Map<String, Object> properties, @Reference DosDefenceComponent defence,
            @Reference EventAdmin events, @Reference(service = LoggerFactory.class) Logger logger) {
        this.defence = defence;
        this.events = events;
        this.logger = logger;
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        Read read;
        try {
            read = read(config, properties);
        } catch (ConfigurationRefused refused) {
            logger.error("{}", refused.getMessage());
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
            return;
        }
        if (!read.vm().equals(vm) && !vm.isEmpty()) {
            defence.unconfigured(vm);
        }
        vm = read.vm();
        defence.configured(vm, read.policy(), read.revision());
    }

    /**
     * Reads a policy configuration, each value checked against both its bounds.
     *
     * @throws ConfigurationRefused naming the first bad value
     */
    static Read read(Config config, Map<String, ?> properties) {
        Object configured = properties.get("service.pid"); // FACTORY_PID~VM
        String pid = configured == null ? FACTORY_PID : configured.toString();
        ConfigurationCheck check = new ConfigurationCheck(pid, properties);
        String vmAllowed = "a VM's name: a letter or digit, then up to 31 of A-Z a-z 0-9 . _ -";
        String named = check.converted("vm", config::vm, vmAllowed);
        if (named == null || !VM_NAME.matcher(named.trim()).matches()) {
            throw check.refused("vm", vmAllowed);
        }
        String responsesAllowed = "each of hold, suspend, failover, migrate at most once, in escalation order";
        List<DosResponse> responses = new ArrayList<>();
        try {
            for (String response : check.converted("responses", config::responses, responsesAllowed)) {
                responses.add(DosResponse.fromName(response));
            }
        } catch (IllegalArgumentException unknown) {
            throw check.refused("responses", responsesAllowed);
        }
        if (responses.stream().distinct().count() != responses.size()) {
            throw check.refused("responses", responsesAllowed);
        }
        long assessmentWindowMs = check.longWithin("assessmentWindowMs", config::assessmentWindowMs, 1,
                DosPolicy.MAX_ASSESSMENT_WINDOW_MS);
        long escalateAfterMs = check.longWithin("escalateAfterMs", config::escalateAfterMs, 0,
                DosPolicy.MAX_DELAY_MS);
        long restoreAfterQuietMs = check.longWithin("restoreAfterQuietMs", config::restoreAfterQuietMs, 0,
                DosPolicy.MAX_DELAY_MS);
        String alternate = name(check, "alternateUplink", config::alternateUplink, "a bond's or a NIC's name");
        String migrationHost = name(check, "migrationHost", config::migrationHost, "a remote host's name");
        if (responses.contains(DosResponse.FAIL_OVER) && alternate.isEmpty()) {
            throw check.refused("alternateUplink", "a bond's or a NIC's name, since responses include failover");
        }
        if (responses.contains(DosResponse.MIGRATE) && migrationHost.isEmpty()) {
            throw check.refused("migrationHost", "a remote host's name, since responses include migrate");
        }
        long revision = check.longWithin(REVISION, config::revision, 0, Long.MAX_VALUE);
        return new Read(named.trim(), new DosPolicy(responses, assessmentWindowMs, escalateAfterMs,
                restoreAfterQuietMs, alternate, migrationHost), revision);
    }

    /** A name, or empty for none. */
    private static String name(ConfigurationCheck check, String key, Supplier<String> value,
            String what) {
        String allowed = what + " (a letter or digit, then up to 63 of A-Z a-z 0-9 . _ -), or empty for none";
        String text = check.converted(key, value, allowed);
        String trimmed = text == null ? "" : text.trim();
        if (!trimmed.isEmpty() && !NAME.matcher(trimmed).matches()) {
            throw check.refused(key, allowed);
        }
        return trimmed;
    }

    @Deactivate
    void deactivate() {
        if (!vm.isEmpty()) {
            defence.unconfigured(vm);
        }
    }

    /** The configuration properties of a policy (what {@code dos:policy} writes). */
    static Map<String, Object> properties(String vm, DosPolicy policy) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("vm", vm);
        properties.put("responses", policy.responses().stream().map(DosResponse::name).toArray(String[]::new));
        properties.put("assessmentWindowMs", policy.assessmentWindowMs());
        properties.put("escalateAfterMs", policy.escalateAfterMs());
        properties.put("restoreAfterQuietMs", policy.restoreAfterQuietMs());
        properties.put("alternateUplink", policy.alternateUplink());
        properties.put("migrationHost", policy.migrationHost());
        return properties;
    }
}
