package org.nicmanager.nicmanager;

import java.util.List;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The NIC manager as the kernel runs it: it tracks the physical NICs drivers register (whiteboard) and keeps the
 * host's bonds, changing them only on the network world's thread. A NIC whose driver stops leaves its bond, which
 * fails over at once. This is the kernel-integrated variant: it knows which VM owns each virtual NIC port and its
 * priority, so the VM-aware policies (per-vm, priority-aware) are available ([0076]-[0082]).
 */
@Component(service = {NicManagerComponent.class, VnicUplinks.class}, immediate = true)
public final class NicManagerComponent implements VnicUplinks {

    private final NetworkWorld world;
    private final VmRegistry vms;
    private final BondTable table;

    @Activate
    public NicManagerComponent(@Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference VmRegistry vms) {
        this.world = world;
        this.vms = vms;
        this.table = new BondTable(scheduler, new VmPorts());
    }

    @Deactivate
    void deactivate() {
        world.run(table::detachAll);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNic(PhysicalNic nic) {
        world.post(() -> table.nicArrived(nic));
    }

    void removeNic(PhysicalNic nic) {
        // Waits, so that the bond has failed over before the driver tears the NIC down.
        world.run(() -> table.nicLeft(nic));
    }

    BondInfo create(String name, LoadDistribution policy, BondSettings settings) {
        return world.call(() -> table.create(name, policy, settings));
    }

    BondInfo add(String bond, List<String> nics) {
        return world.call(() -> table.add(bond, nics));
    }

    BondInfo remove(String bond, List<String> nics) {
        List<String> vmsOnBond = world.call(() -> table.vmsOn(bond));
        List<String> running = vmsOnBond.stream().filter(name -> vms.vm(name)
                .map(vm -> vm.state() == VmState.RUNNING).orElse(false)).toList();
        return world.call(() -> table.remove(bond, nics, running));
    }

    BondInfo show(String bond) {
        return world.call(() -> table.bond(bond).stats().info());
    }

    List<BondInfo> bonds() {
        return world.call(table::all);
    }

    @Override
    public VnicUplink connect(String uplink, String vm, long mac, int port, VnicDelivery delivery) {
        int priority = vms.vm(vm).map(VmInfo::priority).orElse(Priority.DEFAULT);
        return world.call(() -> table.connect(uplink, vm, priority, mac, port, delivery));
    }

    @Override
    public void disconnect(int port) {
        world.run(() -> table.disconnect(port));
    }
}
