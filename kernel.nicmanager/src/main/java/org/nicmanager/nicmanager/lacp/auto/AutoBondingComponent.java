package org.nicmanager.nicmanager.lacp.auto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.engine.BondReport;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.lacp.PartnerKey;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Automatic bonding (patent steps 753-754) in the kernel-integrated NIC manager, configured by {@value #PID}. It needs
 * to know which NICs virtual NICs use directly, which only the VM registry tells, so the loadable variant has none.
 * Immediate: it probes NICs whether or not anyone looks.
 */
@Component(service = AutoBonding.class, configurationPid = AutoBondingComponent.PID, immediate = true)
@Designate(ocd = AutoBondingComponent.Config.class)
public final class AutoBondingComponent implements AutoBonding, AutoBondHost {

    public static final String PID = "org.nicmanager.lacp.auto";
    public static final boolean DEFAULT_ENABLED = false;
    public static final String DEFAULT_LACP_RATE = "fast";
    public static final String DEFAULT_POLICY = "hash-l34";

    @ObjectClassDefinition(name = "Automatic bonding",
            description = "Bonds free NICs by LACP partnership (patent steps 753-754): NICs whose switch is the same"
                    + " LACP system form one bond; a NIC alone with its switch stays on its own.")
    public @interface Config {

        @AttributeDefinition(description = "Probe free NICs with LACP and bond them by partner")
        boolean enabled() default DEFAULT_ENABLED;

        @AttributeDefinition(description = "LACP rate of the probes and of the bonds made: fast or slow")
        String lacpRate() default DEFAULT_LACP_RATE;

        @AttributeDefinition(description = "Load distribution of the bonds made, as bond:create --policy takes it")
        String policy() default DEFAULT_POLICY;
    }

    private final NetworkWorld world;
    private final BondService bonds;
    private final NicInventory inventory;
    private final VmRegistry vms;
    private final ConfigurationAdmin configurations;
    private final Logger logger;
    private final AutoBonder bonder;

    @Activate
    public AutoBondingComponent(Config config, @Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference BondService bonds, @Reference NicInventory inventory, @Reference VmRegistry vms,
            @Reference ConfigurationAdmin configurations, @Reference(service = LoggerFactory.class) Logger logger) {
        this.world = world;
        this.bonds = bonds;
        this.inventory = inventory;
        this.vms = vms;
        this.configurations = configurations;
        this.logger = logger;
        this.bonder = world.call(() -> new AutoBonder(scheduler, this));
        modified(config);
    }

    /** A configuration that names a bad rate or policy is logged with the reason, and changes nothing. */
    @Modified
    void modified(Config config) {
        try {
            boolean fast = LacpSettings.parseFastRate(config.lacpRate());
            String policy = bonds.resolvePolicy(config.policy()).policy(); // an unknown name is refused
            world.run(() -> bonder.configure(config.enabled(), fast, policy));
        } catch (IllegalArgumentException refused) {
            logger.error("{} not applied: {}", PID, refused.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        world.run(bonder::close);
    }

    // --- AutoBonding ------------------------------------------------------------------------------------------------

    @Override
    public AutoBondStatus setEnabled(boolean enabled) {
        AutoBondStatus status = world.call(() -> {
            AutoBondStatus now = bonder.status();
            bonder.configure(enabled, now.lacpRate().equals("fast"), now.policy());
            return bonder.status();
        });
        store(enabled, status);
        return status;
    }

    private void store(boolean enabled, AutoBondStatus status) {
        try {
            Configuration configuration = configurations.getConfiguration(PID, "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("enabled", enabled);
            properties.put("lacpRate", status.lacpRate());
            properties.put("policy", status.policy());
            ConfigurationFiles.update(configuration, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + PID + " in ConfigAdmin", e);
        }
    }

    @Override
    public AutoBondStatus status() {
        return world.call(bonder::status);
    }

    @Override
    public List<PartnerRow> partners() {
        List<PartnerRow> rows = new ArrayList<>();
        for (BondReport report : bonds.reports()) {
            for (LacpBondStatus.Member member : report.stats().lacp().members()) {
                if (member.partner() != null) {
                    rows.add(new PartnerRow(member.name(), report.stats().name(), speaks(member), heard(member)
                            ? partnerOf(member).toString() : null));
                }
            }
        }
        for (AutoBondStatus.Probe probe : status().probes()) {
            rows.add(new PartnerRow(probe.nic(), null, probe.lacp(), probe.partner()));
        }
        rows.sort(java.util.Comparator.comparing(PartnerRow::nic));
        return rows;
    }

    private static String speaks(LacpBondStatus.Member member) {
        return heard(member) ? "YES" : member.rx().equals("DEFAULTED") ? "NO" : "UNKNOWN";
    }

    private static boolean heard(LacpBondStatus.Member member) {
        return !member.actor().state().contains("DEFAULTED");
    }

    private static PartnerKey partnerOf(LacpBondStatus.Member member) {
        return new PartnerKey(member.partner().systemPriority(), MacAddress.parse(member.partner().system()).bits(),
                member.partner().key());
    }

    // --- AutoBondHost (world thread) ----------------------------------------------------------------------------

    @Override
    public Map<String, PhysicalNic> nics() {
        Map<String, PhysicalNic> present = new HashMap<>();
        for (NicInfo info : inventory.nics()) {
            inventory.nic(info.name()).ifPresent(nic -> present.put(info.name(), nic));
        }
        return present;
    }

    @Override
    public Set<String> claimed() {
        Set<String> claimed = new HashSet<>();
        bonds.reports().forEach(report -> claimed.addAll(report.nics()));
        for (VmInfo vm : vms.vms()) {
            for (VnicInfo vnic : vm.vnics()) {
                if (vnic.uplink() != null) {
                    claimed.add(vnic.uplink()); // an unbonded NIC's name; a bond's name matches no NIC
                }
            }
        }
        return claimed;
    }

    @Override
    public Set<String> bondNames() {
        Set<String> names = new HashSet<>();
        bonds.reports().forEach(report -> names.add(report.stats().name()));
        return names;
    }

    @Override
    public Map<PartnerKey, String> bondsByPartner() {
        Map<PartnerKey, String> byPartner = new HashMap<>();
        for (BondReport report : bonds.reports()) {
            for (LacpBondStatus.Member member : report.stats().lacp().members()) {
                if (member.partner() != null && heard(member)) {
                    byPartner.putIfAbsent(partnerOf(member), report.stats().name());
                }
            }
        }
        return byPartner;
    }

    @Override
    public void createBond(String name, String policy, BondSettings settings) {
        bonds.create(name, policy, settings);
        logger.info("automatic bonding made bond {} ({})", name, policy);
    }

    @Override
    public void addToBond(String bond, List<String> nics) {
        bonds.add(bond, nics);
    }
}
