package org.nicmanager.dos;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One VM's DoS policy in ConfigAdmin (factory configuration {@value #FACTORY_PID}, one per VM, named by the VM).
 * {@code dos:policy} writes it; it can also come from a file. A bad one is logged and the policy in force stays.
 */
@Component(service = PolicyConfiguration.class, configurationPid = PolicyConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PolicyConfiguration.Config.class, factory = true)
public final class PolicyConfiguration {

    public static final String FACTORY_PID = "org.nicmanager.dos.policy";
    static final String REVISION = "revision";

    @ObjectClassDefinition(name = "VM DoS policy", description = "A VM's escalating responses to a Denial-of-Service"
            + " attack (patent [0126]-[0132]).")
    public @interface Config {

        @AttributeDefinition(description = "The VM's name.")
        String vm();

        @AttributeDefinition(description = "In escalation order: HOLD_INTERRUPTS, SUSPEND_LOWER_PRIORITY, FAIL_OVER,"
                + " MIGRATE (or hold, suspend, failover, migrate).")
        String[] responses() default {"HOLD_INTERRUPTS"};

        @AttributeDefinition(min = "1", description = "How long a suspicious frame's interrupt is held back.")
        long assessmentWindowMs() default DosPolicy.DEFAULT_ASSESSMENT_WINDOW_MS;

        @AttributeDefinition(min = "0", description = "Attack time between one response and the next; 0: all at"
                + " once.")
        long escalateAfterMs() default DosPolicy.DEFAULT_ESCALATE_AFTER_MS;

        @AttributeDefinition(min = "0", description = "Quiet time after the attack before the responses are undone.")
        long restoreAfterQuietMs() default DosPolicy.DEFAULT_RESTORE_AFTER_QUIET_MS;

        @AttributeDefinition(required = false, description = "The bond or NIC FAIL_OVER moves the VM's virtual NICs"
                + " to.")
        String alternateUplink() default "";

        @AttributeDefinition(required = false, description = "The host MIGRATE asks to take the VM.")
        String migrationHost() default "";

        @AttributeDefinition(required = false, description = "Written by dos:policy; leave it out by hand.")
        long revision() default 0;
    }

    private final DosDefenceComponent defence;
    private final Logger logger;
    private String vm = "";

    @Activate
    public PolicyConfiguration(Config config, @Reference DosDefenceComponent defence,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.defence = defence;
        this.logger = logger;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        String named = config.vm() == null ? "" : config.vm().trim();
        DosPolicy policy;
        try {
            policy = new DosPolicy(Arrays.stream(config.responses()).map(DosResponse::fromName).toList(),
                    config.assessmentWindowMs(), config.escalateAfterMs(), config.restoreAfterQuietMs(),
                    config.alternateUplink(), config.migrationHost());
        } catch (IllegalArgumentException bad) {
            logger.error("DoS policy of VM '{}' refused, the policy in force stays: {}", named, bad.getMessage());
            return;
        }
        if (!named.equals(vm) && !vm.isEmpty()) {
            defence.unconfigured(vm);
        }
        vm = named;
        defence.configured(named, policy, config.revision());
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
