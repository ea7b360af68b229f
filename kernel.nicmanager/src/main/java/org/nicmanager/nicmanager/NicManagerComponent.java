package org.nicmanager.nicmanager;

import static org.nicmanager.nicmanager.engine.NicManagerBase.BUILT_IN_POLICIES;
import static org.nicmanager.nicmanager.engine.NicManagerBase.MINIMUM_CARDINALITY;
import static org.nicmanager.nicmanager.engine.NicManagerBase.POLICIES;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.resource.ResourceManager;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.engine.ConfigAdminBondStore;
import org.nicmanager.nicmanager.engine.ConfiguredBonds;
import org.nicmanager.nicmanager.engine.EventAdminBondEvents;
import org.nicmanager.nicmanager.engine.NicManagerBase;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The kernel-integrated NIC manager (patent [0076]-[0082]): the engine with the VM registry behind it, so it knows which
 * VM sent a frame and how much that VM matters, and with the resource manager in front of every uplink, so that each
 * VM's frame gets its send / queue / drop decision (Figure 5, steps 806-810).
 */
@Component(service = {BondService.class, VnicUplinks.class, BondDirectory.class, ConfiguredBonds.class},
        immediate = true, property = POLICIES + MINIMUM_CARDINALITY + BUILT_IN_POLICIES)
public final class NicManagerComponent extends NicManagerBase {

    private final Logger logger;

    @Activate
    public NicManagerComponent(@Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference VmRegistry vms, @Reference ResourceManager resources,
            @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        super(world, scheduler, VmKnowledge.of(facts(vms)), new ResourceGates(resources),
                new EventAdminBondEvents(events, scheduler), new ConfigAdminBondStore(configurations));
        this.logger = logger;
    }

    /** Runs once the policies offered now are bound (at least the built-in ones), so that stored bonds find theirs. */
    @Activate
    void restore() {
        restoreBonds().forEach(logger::error);
    }

    private static VmFacts facts(VmRegistry vms) {
        return new VmFacts() {
            @Override
            public int priority(String vm) {
                return vms.vm(vm).map(VmInfo::priority).orElse(Priority.DEFAULT);
            }

            @Override
            public boolean running(String vm) {
                return vms.vm(vm).map(info -> info.state() == VmState.RUNNING).orElse(false);
            }
        };
    }

    @Deactivate
    void deactivate() {
        close().forEach(logger::info);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNic(PhysicalNic nic) {
        nicAdded(nic);
    }

    void removeNic(PhysicalNic nic) {
        nicRemoved(nic);
    }

    @Reference(name = POLICIES, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(DistributionPolicy policy) {
        policyAdded(policy).forEach(logger::info);
    }

    void removePolicy(DistributionPolicy policy) {
        policyRemoved(policy).forEach(logger::warn);
    }
}
