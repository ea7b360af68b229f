package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.PortOwners;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.PortMoves;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * A bond's load distribution (patent [0066]-[0069]): its policy service, the distributor that service made for it
 * and, for a policy that follows the load, its rebalancing rounds on a kernel timer. Control path only: the frame path
 * reads the distributor through {@link FramePlacer}.
 */
final class LoadSpreading {

    private final String bond;
    private final BondMembers members;
    private final VmKnowledge vms;
    private final LoadBasedSettings loadBased;
    private final PortMoves moves;
    /** Places the frames a policy held while a port moved, once the move is done (the bond's drain). */
    private final Runnable resume;
    /** Runs the policy's rebalancing, for a policy that rebalances; idle otherwise. */
    private final Timer rebalancer;
    private DistributionPolicy policy;
    private BondDistributor distributor;

    /**
     * @param vms what the NIC manager knows of VMs
     * @throws IllegalArgumentException for a policy that needs what the NIC manager does not know
     */
    LoadSpreading(String bond, DistributionPolicy policy, BondMembers members, VmKnowledge vms,
            KernelScheduler scheduler, LoadBasedSettings loadBased, PortMoves moves, Runnable resume) {
        this.bond = bond;
        this.members = members;
        this.vms = vms;
        this.loadBased = loadBased;
        this.moves = moves;
        this.resume = resume;
        this.distributor = make(policy);
        this.policy = policy;
        this.rebalancer = scheduler.newTimer("bond " + bond + " rebalance", this::rebalance);
        armRebalancing();
    }

    BondDistributor distributor() {
        return distributor;
    }

    DistributionPolicy policy() {
        return policy;
    }

    boolean spreadsByNature() {
        return policy.spreading() == Spreading.FRAME_BY_FRAME;
    }

    /** Changes the policy and returns its distributor, for the placer; a refused policy changes nothing. */
    BondDistributor use(DistributionPolicy next) {
        distributor = make(next);
        policy = next;
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

    private BondDistributor make(DistributionPolicy next) {
        if (!vms.gives(next.needs())) {
            throw new IllegalArgumentException("policy " + next.name() + " needs to know which VM sent each frame,"
                    + " which this NIC manager does not know");
        }
        // A policy that did not ask for VM information sees ports no VM owns, in either variant.
        PortOwners ports = next.needs().contains(PolicyNeed.VM_INFORMATION) ? vms.ports() : VmKnowledge.NONE.ports();
        BondDistributor made;
        try {
            made = next.create(new Context(ports));
        } catch (RuntimeException broken) { // another bundle's code: its failure is a refusal, and changes nothing
            throw new IllegalArgumentException("policy " + next.name() + " failed to make a distributor for bond "
                    + bond + ": " + broken, broken);
        }
        if (made == null) {
            throw new IllegalArgumentException("policy " + next.name() + " made no distributor for bond " + bond);
        }
        return made;
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

    /** What the bond gives its policy. */
    private final class Context implements PolicyContext {

        private final PortOwners ports;

        Context(PortOwners ports) {
            this.ports = ports;
        }

        @Override
        public String bondName() {
            return bond;
        }

        @Override
        public MemberTable members() {
            return members;
        }

        @Override
        public PortOwners ports() {
            return ports;
        }

        @Override
        public int busyThresholdPercent() {
            return loadBased.thresholdPercent();
        }

        @Override
        public int busyWindowSeconds() {
            return loadBased.windowSeconds();
        }

        @Override
        public void portMoved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent, int busySeconds) {
            moves.moved(port, fromSlot, toSlot, fromPercent, toPercent, busySeconds);
        }
    }
}
