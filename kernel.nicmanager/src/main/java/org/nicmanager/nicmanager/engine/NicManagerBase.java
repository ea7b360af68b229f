package org.nicmanager.nicmanager.engine;

import java.util.List;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.bond.BondSettings;

/**
 * The NIC manager both variants run: it tracks the physical NICs drivers register and keeps the host's bonds, changing
 * them only on the network world's thread. A NIC whose driver stops leaves its bond, which fails over at once. With
 * {@link VmFacts} (the kernel-integrated variant) it knows each virtual NIC's VM and priority, so the VM-aware policies
 * work and a bond a running VM uses keeps its NICs; without (the loadable variant) it sees frames, NICs and time only.
 */
public abstract class NicManagerBase implements BondService, VnicUplinks {

    private final NetworkWorld world;
    private final VmFacts vms;
    private final BondTable table;

    /** @param vms what the kernel knows of VMs, or {@code null} for the loadable variant */
    protected NicManagerBase(NetworkWorld world, KernelScheduler scheduler, VmFacts vms) {
        this.world = world;
        this.vms = vms;
        this.table = new BondTable(scheduler, vms == null ? null : new VmPorts());
    }

    protected void nicAdded(PhysicalNic nic) {
        world.post(() -> table.nicArrived(nic));
    }

    /** Waits, so that the bond has failed over before the driver tears the NIC down. */
    protected void nicRemoved(PhysicalNic nic) {
        world.run(() -> table.nicLeft(nic));
    }

    /** Lets go of every member NIC, so that a successor (the other variant, say) can take them. */
    protected void close() {
        world.run(table::detachAll);
    }

    @Override
    public BondInfo create(String name, LoadDistribution policy, BondSettings settings) {
        return world.call(() -> table.create(name, policy, settings));
    }

    @Override
    public BondInfo add(String bond, List<String> nics) {
        return world.call(() -> table.add(bond, nics));
    }

    @Override
    public BondInfo remove(String bond, List<String> nics) {
        List<String> running = vms == null ? List.of()
                : world.call(() -> table.vmsOn(bond)).stream().filter(vms::running).toList();
        return world.call(() -> table.remove(bond, nics, running));
    }

    @Override
    public BondInfo show(String bond) {
        return world.call(() -> table.bond(bond).stats().info());
    }

    @Override
    public List<BondInfo> bonds() {
        return world.call(table::all);
    }

    @Override
    public VnicUplink connect(String uplink, String vm, long mac, int port, VnicDelivery delivery) {
        int priority = vms == null ? Priority.DEFAULT : vms.priority(vm);
        return world.call(() -> table.connect(uplink, vm, priority, mac, port, delivery));
    }

    @Override
    public void disconnect(int port) {
        world.run(() -> table.disconnect(port));
    }
}
