package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.nicmanager.distribution.Distributor;
import org.nicmanager.nicmanager.distribution.Distributors;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.PortMoves;
import org.nicmanager.nicmanager.distribution.VmDirectory;

/**
 * A bond's load distribution (patent [0066]-[0069]): the distributor of its policy and, for a policy that follows
 * the load, its rebalancing rounds on a kernel timer. Control path only: the frame path reads the distributor through
 * {@link FramePlacer}.
 */
final class LoadSpreading {

    private final BondMembers members;
    private final VmDirectory vms;
    private final LoadBasedSettings loadBased;
    private final PortMoves moves;
    /** Places the frames a policy held while a port moved, once the move is done (the bond's drain). */
    private final Runnable resume;
    /** Runs the policy's rebalancing, for a policy that rebalances; idle otherwise. */
    private final Timer rebalancer;
    private Distributor distributor;

    /** @throws IllegalArgumentException for a VM-aware policy without a VM directory, naming the policies allowed */
    LoadSpreading(String bond, LoadDistribution policy, BondMembers members, VmDirectory vms,
            KernelScheduler scheduler, LoadBasedSettings loadBased, PortMoves moves, Runnable resume) {
        this.members = members;
        this.vms = vms;
        this.loadBased = loadBased;
        this.moves = moves;
        this.resume = resume;
        this.distributor = Distributors.create(policy, members, vms, loadBased, moves);
        this.rebalancer = scheduler.newTimer("bond " + bond + " rebalance", this::rebalance);
        armRebalancing();
    }

    Distributor distributor() {
        return distributor;
    }

    LoadDistribution policy() {
        return distributor.policy();
    }

    /** Changes the policy and returns its distributor, for the placer; a refused policy changes nothing. */
    Distributor use(LoadDistribution policy) {
        distributor = Distributors.create(policy, members, vms, loadBased, moves);
        armRebalancing();
        return distributor;
    }

    /** Recomputes the distributor's tables from the members (and VMs) now. */
    void rebuild() {
        distributor.rebuild();
    }

    long rebalanceMoves() {
        return distributor.rebalanceMoves();
    }

    void close() {
        rebalancer.cancel();
    }

    private void armRebalancing() {
        if (distributor.rebalanceIntervalNanos() > 0) {
            rebalancer.armAfter(distributor.rebalanceIntervalNanos());
        } else {
            rebalancer.cancel();
        }
    }

    /** The policy moves load between members by what it measured (a control event, like a failover's rebuild). */
    private void rebalance() {
        distributor.rebalance();
        armRebalancing();
        resume.run(); // frames held while a port moved go now; nothing to do when none waits
    }
}
