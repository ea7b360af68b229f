package org.nicmanager.sim.network.cards;

import java.util.Optional;

import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.Names;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.sim.network.model.PartnerLacp;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One configured switch (factory configuration {@value #FACTORY_PID}): built in the simulated world when its
 * configuration appears, so that configured cards find their switch at start-up. {@code hw:switch add} writes such a
 * configuration. A configuration the world refuses (a bad or duplicate name) is logged and kept with its reason.
 * The model cannot remove a switch: deleting the configuration leaves the switch until the world is rebuilt.
 * Immediate, because building the switch is the point, whether or not anyone looks at the service.
 */
@Component(service = ConfiguredSwitch.class, configurationPid = ConfiguredSwitch.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ConfiguredSwitch.Config.class, factory = true)
public final class ConfiguredSwitch {

    public static final String FACTORY_PID = "org.nicmanager.sim.switch";
    /** Configuration and service property: the switch's name. */
    public static final String NAME = "name";
    public static final String PORTS = "ports";
    public static final String LACP = "lacp";
    public static final String LACP_RATE = "lacpRate";
    public static final String DEFAULT_LACP = "off";
    public static final String DEFAULT_LACP_RATE = "slow";

    @ObjectClassDefinition(name = "Simulated switch", description = "A switch of the simulated world.")
    public @interface Config {

        @AttributeDefinition(name = "Name", description = "The switch's name, e.g. swA.")
        String name();

        @AttributeDefinition(name = "Ports", description = "Number of ports.", min = "1")
        int ports() default PhysicalWorld.DEFAULT_SWITCH_PORTS;

        @AttributeDefinition(name = "Link aggregation",
                description = "off; static (groups made with hw:switch group); active or passive (LACP on every"
                        + " port, as the partner of a bond).")
        String lacp() default DEFAULT_LACP;

        @AttributeDefinition(name = "LACP rate",
                description = "fast: partners are asked for an LACPDU every second and time out after 3 s; slow:"
                        + " every 30 s, 90 s. Only for lacp active or passive.")
        String lacpRate() default DEFAULT_LACP_RATE;
    }

    private final String name;
    private final int ports;
    private final String lacp;
    private final String lacpRate;
    private final String refusal;

    @Activate
    public ConfiguredSwitch(Config config, @Reference Hardware hardware,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.name = config.name();
        this.ports = config.ports();
        this.lacp = config.lacp();
        this.lacpRate = config.lacpRate();
        this.refusal = build(hardware);
        if (refusal != null) {
            logger.error("switch configuration '{}' refused: {}", name, refusal);
        }
    }

    /** Builds the switch; returns why the world refused it, or null. */
    private String build(Hardware hardware) {
        try {
            Names.check("switch", name);
            PartnerLacp partner = partnerLacp(lacp, lacpRate, false);
            hardware.run(world -> world.addSwitch(name, ports, partner));
            return null;
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }

    /**
     * Reads the link-aggregation settings as typed: {@code off|static|active|passive} and {@code fast|slow}.
     *
     * @param rateGiven the rate was stated, not defaulted: then it must go with a mode that speaks LACP
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static PartnerLacp partnerLacp(String mode, String rate, boolean rateGiven) {
        LacpMode lacpMode = switch (mode == null ? "" : mode) {
            case "off" -> LacpMode.OFF;
            case "static" -> LacpMode.STATIC;
            case "active" -> LacpMode.ACTIVE;
            case "passive" -> LacpMode.PASSIVE;
            default -> throw new IllegalArgumentException("bad --lacp '" + mode + "': allowed off, static, active,"
                    + " passive");
        };
        if (!"fast".equals(rate) && !"slow".equals(rate)) {
            throw new IllegalArgumentException("bad --lacp-rate '" + rate + "': allowed fast, slow");
        }
        PartnerLacp partner = new PartnerLacp(lacpMode, "fast".equals(rate));
        if (rateGiven && !partner.speaksLacp()) {
            throw new IllegalArgumentException("--lacp-rate " + rate + " needs a switch that speaks LACP (--lacp active"
                    + " or passive), not --lacp " + mode);
        }
        return partner;
    }

    public String name() {
        return name;
    }

    public int ports() {
        return ports;
    }

    /** Why the world refused this switch, if it did. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }
}
