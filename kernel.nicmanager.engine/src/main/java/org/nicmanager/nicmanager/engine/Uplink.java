package org.nicmanager.nicmanager.engine;

import java.util.LinkedHashSet;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondObserver;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.bond.FrameFates;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * Where virtual NICs send and receive: a bond, or an unbonded NIC (kept as a bond of one that the operator does not
 * see), wired to its inbound router and to the gate its VMs' frames pass (the resource manager, or nothing). It knows
 * the NICs it was given by name, present or not.
 */
final class Uplink {

    final Bond bond;
    final InboundRouter router;
    final Gate gate;
    final boolean unbondedNic;
    final LinkedHashSet<String> wanted = new LinkedHashSet<>();
    /**
     * The policy the bond was given while its service is gone and the bond runs the default ({@link PolicyFallback});
     * {@code null} while it runs its own.
     */
    String awaitedPolicy;
    private final Gates gates;

    /**
     * @param vms what the NIC manager knows of VMs, for the VM-aware policies
     * @throws IllegalArgumentException for a policy this variant cannot honour
     */
    Uplink(String name, DistributionPolicy policy, BondSettings settings, boolean unbondedNic, VmKnowledge vms,
            KernelScheduler scheduler, FramePool groupCopies, Gates gates, BondEvents events) {
        this.bond = new Bond(name, policy, vms, scheduler, settings);
        this.router = new InboundRouter(bond, groupCopies);
        this.unbondedNic = unbondedNic;
        this.gates = gates;
        this.gate = gates.open(bond);
        bond.setInbound(router);
        bond.setReadyListener(gate::uplinkReady);
        bond.setFates(new FrameFates() {
            @Override
            public void transmitted(int sourcePort) {
                gate.transmitted(sourcePort);
            }

            @Override
            public void dropped(int sourcePort, DropReason reason) {
                gate.droppedDownstream(sourcePort, reason); // the VM's figures (net:stats)
                router.transmitDropped(sourcePort, reason); // the virtual NIC's (vnic:list)
            }
        });
        bond.setObserver(new BondObserver() {
            @Override
            public void recorded(Bond changed, FailoverEvent event) {
                events.failover(changed.name(), event);
            }

            @Override
            public void carriersChanged(Bond changed) {
                gate.capacityChanged();
            }
        });
    }

    /** Closes the gate (its queued frames dropped with a reason) and the bond, which lets go of its NICs. */
    void close() {
        gates.close(bond);
        bond.close();
    }
}
