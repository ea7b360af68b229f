package org.nicmanager.nicmanager.loadable;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.engine.NicManagerBase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The NIC manager as a loadable module, an "intermediate driver" between the drivers and the rest of the kernel
 * (patent [0076]-[0082]): the same engine as the kernel-integrated one, but with no VM information, so the VM-aware
 * policies are refused and no VM protects a bond's NICs.
 */
@Component(service = {BondService.class, VnicUplinks.class}, immediate = true)
public final class LoadableNicManager extends NicManagerBase {

    @Activate
    public LoadableNicManager(@Reference NetworkWorld world, @Reference KernelScheduler scheduler) {
        super(world, scheduler, null);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNic(PhysicalNic nic) {
        nicAdded(nic);
    }

    void removeNic(PhysicalNic nic) {
        nicRemoved(nic);
    }
}
