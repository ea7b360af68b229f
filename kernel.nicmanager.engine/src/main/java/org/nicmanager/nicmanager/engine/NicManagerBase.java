package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * The NIC manager both variants run: it tracks the physical NICs drivers register and keeps the host's bonds, changing
 * them only on the network world's thread. A NIC whose driver stops leaves its bond, which fails over at once. What it
 * knows of VMs is the variant's {@link VmKnowledge}: the kernel-integrated variant knows each virtual NIC's VM and
 * priority, so the VM-aware policies work and a bond a running VM uses keeps its NICs; the loadable one
 * ({@link VmKnowledge#NONE}) sees frames, NICs and time only.
 *
 * <p>Load-distribution policies are services ({@link DistributionPolicy}, whiteboard) that the component tracks and
 * hands to {@link #policyAdded} and {@link #policyRemoved}: a bond whose policy leaves falls back to the default
 * policy and returns to its own when it comes back ({@link PolicyFallback}).
 *
 * <p>Bonds live in a {@link BondStore} (ConfigAdmin): a NIC manager starts with the bonds its predecessor left, so
 * swapping variants keeps them. While it runs, it follows their configurations as others change them
 * ({@link ConfiguredBonds}).
 */
public abstract class NicManagerBase implements BondService, VnicUplinks, BondDirectory, ConfiguredBonds {

    /** The name of the components' reference to the policy services. */
    public static final String POLICIES = "policies";
    /** DS's minimum-cardinality property suffix: the component starts once that many policies are bound ... */
    public static final String MINIMUM_CARDINALITY = ".cardinality.minimum:Integer=";
    /** ... the built-in ones, which its own bundle registers, so that stored bonds find their policies at start. */
    public static final String BUILT_IN_POLICIES = "16";

    /** Reads of a configuration before giving up, while {@code bond:} commands keep changing bonds meanwhile. */
    private static final int FOLLOW_ATTEMPTS = 10;

    private final NetworkWorld world;
    private final VmKnowledge vms;
    private final BondStore store;
    private final PolicyCatalog policies;
    private final BondTable table;
    private final BondReconciler reconciler;
    private final CommandWrites writes = new CommandWrites();
    /** Set by {@link #close()}: DS unbinds the policies after it, and closed bonds need not move. */
    private volatile boolean closed;
    /** Set once the stored bonds were restored: later policies may let those that waited for them in. */
    private volatile boolean restored;
    /** Stored bonds not restored because no service offered their policy then. */
    private final Set<String> waitingForPolicy = ConcurrentHashMap.newKeySet();

    /**
     * @param vms what the variant knows of VMs (nothing, for the loadable one)
     * @param gates what stands between VMs and each uplink (the resource manager, or nothing)
     */
    protected NicManagerBase(NetworkWorld world, KernelScheduler scheduler, VmKnowledge vms, Gates gates,
            BondEvents events, BondStore store) {
        this.world = world;
        this.vms = vms;
        this.store = store;
        this.policies = new PolicyCatalog(vms);
        this.table = new BondTable(scheduler, vms, gates, events, policies);
        this.reconciler = new BondReconciler(table, running());
    }

    /**
     * Re-creates the stored bonds; their NICs join as drivers register them. Returns one message per bond this
     * variant cannot make (a VM-aware policy in the loadable variant, say), naming the bond and the reason. A bond
     * whose policy no service offers yet (a plugin's bundle that starts later) is restored when one does.
     */
    protected List<String> restoreBonds() {
        List<String> refusals = new ArrayList<>();
        for (BondConfig stored : store.load(refusals, this::checkPolicy)) {
            BondConfig bond = stored.withPolicyIfAbsent(defaultPolicy());
            try {
                world.run(() -> table.restore(bond));
            } catch (IllegalArgumentException refused) {
                refusals.add("bond " + bond.name() + " from the configuration was not restored: "
                        + refused.getMessage());
            }
        }
        restored = true;
        restoreWaiting(new ArrayList<>(), refusals); // a policy that arrived while the others were restored
        return refusals;
    }

    /**
     * Restores the stored bonds that waited for a policy offered now, read afresh from the store; says which in
     * {@code done}, and why one still could not be in {@code refusals}.
     */
    private void restoreWaiting(List<String> done, List<String> refusals) {
        if (waitingForPolicy.isEmpty()) {
            return;
        }
        for (BondConfig stored : store.load(new ArrayList<>())) {
            String policy = stored.policy();
            if (policy != null && policies.find(policy).isPresent() && waitingForPolicy.remove(stored.name())) {
                try {
                    world.run(() -> table.restore(stored));
                    done.add("bond " + stored.name() + " restored from its configuration: policy " + policy
                            + " is offered now");
                } catch (IllegalArgumentException refused) {
                    refusals.add("bond " + stored.name() + " from the configuration was not restored: "
                            + refused.getMessage());
                }
            }
        }
    }

    /**
     * A policy service arrived (before or after the NIC manager started); bonds waiting for its name run it again.
     * Returns what moved, for the log.
     */
    protected List<String> policyAdded(DistributionPolicy policy) {
        policies.add(policy);
        if (closed) {
            return List.of();
        }
        List<String> done = new ArrayList<>(world.call(() -> table.policyArrived(policy)));
        if (restored) {
            restoreWaiting(done, done);
        }
        return done;
    }

    /**
     * A policy service is leaving: waits until no bond runs it any longer (they fall back to the default), so that
     * its bundle may go. Returns what moved, for the log.
     */
    protected List<String> policyRemoved(DistributionPolicy policy) {
        policies.remove(policy);
        return closed ? List.of() : world.call(() -> table.policyLeft(policy));
    }

    /** Refuses a stored bond whose policy no service offers now, or this variant cannot run, naming it. */
    private void checkPolicy(BondConfig stored) {
        if (stored.policy() != null) {
            if (policies.find(stored.policy()).isEmpty()) {
                waitingForPolicy.add(stored.name());
            }
            policies.require(stored.policy());
        }
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
        closed = true;
        return world.call(table::closeAll);
    }

    @Override
    public BondReport create(String name, String policy, BondSettings settings) {
        return stored(() -> table.create(name, policy, settings));
    }

    @Override
    public String defaultPolicy() {
        return Policies.defaultPolicy(vms);
    }

    @Override
    public PolicyCatalog.Named resolvePolicy(String nameOrAlias) {
        return policies.resolve(nameOrAlias);
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
    public BondReport policy(String bond, String policy) {
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
        int priority = vms.priority(vm);
        return world.call(() -> table.connect(uplink, vm, priority, mac, port, delivery));
    }

    @Override
    public void secure(int port, VnicSecurity security) {
        world.run(() -> table.ports().secure(port, security));
    }

    @Override
    public void guestMacChanged(int port, long mac) {
        world.run(() -> table.ports().guestMacChanged(port, mac));
    }

    @Override
    public void guestPromiscuousChanged(int port, boolean promiscuous) {
        world.run(() -> table.ports().guestPromiscuousChanged(port, promiscuous));
    }

    @Override
    public void disconnect(int port) {
        world.run(() -> table.ports().disconnect(port));
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
        return vms::running;
    }
}
