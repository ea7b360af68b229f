package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.Distributors;

/**
 * The NIC manager both variants run: it tracks the physical NICs drivers register and keeps the host's bonds, changing
 * them only on the network world's thread. A NIC whose driver stops leaves its bond, which fails over at once. With
 * {@link VmFacts} (the kernel-integrated variant) it knows each virtual NIC's VM and priority, so the VM-aware policies
 * work and a bond a running VM uses keeps its NICs; without (the loadable variant) it sees frames, NICs and time only.
 *
 * <p>Bonds live in a {@link BondStore} (ConfigAdmin): a NIC manager starts with the bonds its predecessor left, so
 * swapping variants keeps them. While it runs, it follows their configurations as others change them
 * ({@link ConfiguredBonds}).
 */
public abstract class NicManagerBase implements BondService, VnicUplinks, BondDirectory, ConfiguredBonds {

    /** Reads of a configuration before giving up, while {@code bond:} commands keep changing bonds meanwhile. */
    private static final int FOLLOW_ATTEMPTS = 10;

    private final NetworkWorld world;
    private final VmFacts vms;
    private final BondStore store;
    private final BondTable table;
    private final BondReconciler reconciler;
    private final CommandWrites writes = new CommandWrites();

    /**
     * @param vms what the kernel knows of VMs, or {@code null} for the loadable variant
     * @param gates what stands between VMs and each uplink (the resource manager, or nothing)
     */
    protected NicManagerBase(NetworkWorld world, KernelScheduler scheduler, VmFacts vms, Gates gates,
            BondEvents events, BondStore store) {
        this.world = world;
        this.vms = vms;
        this.store = store;
        this.table = new BondTable(scheduler, vms == null ? null : new VmPorts(), gates, events);
        this.reconciler = new BondReconciler(table, running());
    }

    /**
     * Re-creates the stored bonds; their NICs join as drivers register them. Returns one message per bond this
     * variant cannot make (a VM-aware policy in the loadable variant, say), naming the bond and the reason.
     */
    protected List<String> restoreBonds() {
        List<String> refusals = new ArrayList<>();
        for (BondConfig stored : store.load(refusals)) {
            BondConfig bond = stored.withPolicyIfAbsent(defaultPolicy());
            try {
                world.run(() -> table.restore(bond));
            } catch (IllegalArgumentException refused) {
                refusals.add("bond " + bond.name() + " from the configuration was not restored: "
                        + refused.getMessage());
            }
        }
        return refusals;
    }

    protected void nicAdded(PhysicalNic nic) {
        world.post(() -> table.nicArrived(nic));
    }

    /** Waits, so that the bond has failed over before the driver tears the NIC down. */
    protected void nicRemoved(PhysicalNic nic) {
        world.run(() -> table.nicLeft(nic));
    }

    /**
     * Lets go of every NIC, so that a successor (the other variant, say) can take them; bonds stay stored. Frames still
     * queued are dropped with a reason; returns each uplink's final account, for the log.
     */
    protected List<String> close() {
        return world.call(table::closeAll);
    }

    @Override
    public BondReport create(String name, LoadDistribution policy, BondSettings settings) {
        return stored(() -> table.create(name, policy, settings));
    }

    @Override
    public LoadDistribution defaultPolicy() {
        return Distributors.defaultPolicy(vms != null);
    }

    @Override
    public void delete(String bond) {
        writes.begin();
        try {
            world.run(() -> table.delete(bond));
            store.delete(bond);
        } finally {
            writes.end();
        }
    }

    @Override
    public BondReport add(String bond, List<String> nics) {
        return stored(() -> table.add(bond, nics, running()));
    }

    @Override
    public BondReport remove(String bond, List<String> nics) {
        return stored(() -> table.remove(bond, nics, running()));
    }

    @Override
    public BondReport policy(String bond, LoadDistribution policy) {
        return stored(() -> table.policy(bond, policy));
    }

    @Override
    public BondReport order(String bond, List<String> nics) {
        return stored(() -> table.order(bond, nics));
    }

    @Override
    public BondReport failoverOnBusy(String bond, long nanos) {
        return stored(() -> table.failoverOnBusy(bond, nanos));
    }

    @Override
    public BondReport failback(String bond, String nic) {
        return world.call(() -> table.failback(bond, nic));
    }

    @Override
    public BondReport show(String bond) {
        return world.call(() -> table.report(bond));
    }

    @Override
    public List<BondReport> reports() {
        return world.call(table::reports);
    }

    @Override
    public List<BondInfo> bonds() {
        return reports().stream().map(report -> report.stats().info()).toList();
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

    @Override
    public BondFollowed follow(String bond, Supplier<Optional<BondConfig>> configuration) {
        for (int attempt = 0; attempt < FOLLOW_ATTEMPTS; attempt++) {
            long mark = quietMark();
            Optional<BondConfig> desired = configuration.get().map(config -> config.withPolicyIfAbsent(defaultPolicy()));
            Optional<BondFollowed> done = world.call(() -> !writes.unchangedSince(mark) ? Optional.empty()
                    : Optional.of(desired.isPresent() ? reconciler.follow(desired.get())
                            : reconciler.unconfigured(bond)));
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("bond " + bond + " did not follow its configuration: bond: commands changed"
                + " bonds during each of " + FOLLOW_ATTEMPTS + " attempts; the next change of it will try again");
    }

    private long quietMark() {
        try {
            return writes.awaitQuiet();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bond: commands were writing bonds", interrupted);
        }
    }

    /** Runs a change in the world and stores the bond as it is after it; see {@link CommandWrites} for why marked. */
    private BondReport stored(Supplier<BondReport> change) {
        writes.begin();
        try {
            BondReport report = world.call(change);
            store.save(BondConfig.of(report));
            return report;
        } finally {
            writes.end();
        }
    }

    private Predicate<String> running() {
        return vms == null ? vm -> false : vms::running;
    }
}
