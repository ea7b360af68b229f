package org.nicmanager.nicmanager.loadable;

import static org.nicmanager.nicmanager.engine.NicManagerBase.BUILT_IN_POLICIES;
import static org.nicmanager.nicmanager.engine.NicManagerBase.MINIMUM_CARDINALITY;
import static org.nicmanager.nicmanager.engine.NicManagerBase.POLICIES;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.engine.ConfigAdminBondStore;
import org.nicmanager.nicmanager.engine.ConfiguredBonds;
import org.nicmanager.nicmanager.engine.EventAdminBondEvents;
import org.nicmanager.nicmanager.engine.Gates;
import org.nicmanager.nicmanager.engine.NicManagerBase;
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
 * The NIC manager as a loadable module, an "intermediate driver" between the drivers and the rest of the kernel
 * (patent [0076]-[0082]): the same engine as the kernel-integrated one, but with no VM information and no resource
 * manager, so the VM-aware policies are refused, no VM protects a bond's NICs, and no VM has bandwidth guarantees.
 */
@Component(service = {BondService.class, VnicUplinks.class, BondDirectory.class, ConfiguredBonds.class},
        immediate = true, property = POLICIES + MINIMUM_CARDINALITY + BUILT_IN_POLICIES)
public final class LoadableNicManager extends NicManagerBase {

    private final Logger logger;

    @Activate
    public LoadableNicManager(@Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        super(world, scheduler, VmKnowledge.NONE, Gates.DIRECT, new EventAdminBondEvents(events, scheduler),
                new ConfigAdminBondStore(configurations));
        this.logger = logger;
    }

    /** Runs once the policies offered now are bound (at least the built-in ones), so that stored bonds find theirs. */
    @Activate
    void restore() {
        restoreBonds().forEach(logger::error);
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
