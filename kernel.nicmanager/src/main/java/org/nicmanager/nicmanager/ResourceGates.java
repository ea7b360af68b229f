package org.nicmanager.nicmanager;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.ResourceManager;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.MemberState;
import org.nicmanager.nicmanager.engine.Gate;
import org.nicmanager.nicmanager.engine.Gates;

/**
 * The kernel-integrated NIC manager's gates: the resource manager's scheduler in front of every bond and unbonded NIC
 * (patent Figure 5, steps 806-810), so each VM gets its shares, reservation and limit. The loadable variant has none of
 * this: its VMs' frames go straight to the bond, with no per-VM guarantees.
 */
final class ResourceGates implements Gates {

    private final ResourceManager resources;

    ResourceGates(ResourceManager resources) {
        this.resources = resources;
    }

    @Override
    public Gate open(Bond bond) {
        UplinkScheduler scheduler = resources.open(bond.name(), new BondPort(bond));
        return new Gate() {
            @Override
            public void offer(FrameBuffer frame) {
                scheduler.offer(frame);
            }

            @Override
            public void connect(int port, String vm) {
                scheduler.connect(port, vm);
            }

            @Override
            public void disconnect(int port) {
                scheduler.disconnect(port);
            }

            @Override
            public void uplinkReady() {
                scheduler.uplinkReady();
            }

            @Override
            public void capacityChanged() {
                scheduler.capacityChanged();
            }

            @Override
            public void transmitted(int port) {
                scheduler.transmitted(port);
            }

            @Override
            public void droppedDownstream(int port, DropReason reason) {
                scheduler.droppedDownstream(port, reason);
            }
        };
    }

    @Override
    public void close(Bond bond) {
        resources.close(bond.name());
    }

    /** The bond as its scheduler sees it. */
    private record BondPort(Bond bond) implements UplinkPort {

        @Override
        public boolean ready() {
            return bond.ready();
        }

        @Override
        public void send(FrameBuffer frame) {
            bond.transmit(frame);
        }

        @Override
        public long capacityBps() {
            return bond.capacityBps(Set.of());
        }

        @Override
        public long admissibleCapacityBps() {
            return bond.admissibleCapacityBps();
        }

        @Override
        public long capacityWithoutBps(Collection<String> failedNics) {
            return bond.capacityBps(failedNics);
        }

        @Override
        public List<String> nics() {
            return bond.stats().members().stream().filter(member -> member.state() != MemberState.REMOVED)
                    .sorted(java.util.Comparator.comparingInt(member -> member.rank())).map(member -> member.nic())
                    .toList();
        }
    }
}
