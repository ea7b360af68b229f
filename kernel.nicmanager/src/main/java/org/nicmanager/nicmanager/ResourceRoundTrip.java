package org.nicmanager.nicmanager;

import java.util.Collection;
import java.util.Comparator;
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

/**
 * The transmit path's round trip between the NIC manager and the resource manager, in one place (patent Figure 5,
 * steps 806-812): it offers each VM frame to the uplink's scheduler and carries out its decision on the bond. The
 * hand-offs, in order:
 * <ol>
 * <li>the device emulator hands a guest's frame to its virtual NIC's uplink ({@code VnicUplink.send}: vmm.devices to
 * the NIC manager), which switches it locally or offers it here ({@link #offer});</li>
 * <li>{@link #offer} to {@link UplinkScheduler#offer} (NIC manager to resource manager): send, queue or drop, by the
 * VM's shares, reservation, limit and shaping (steps 806-810); the scheduler owns the frame from here;</li>
 * <li>a frame the scheduler lets go, at once or later from its queues, comes back through {@link #send} (resource
 * manager to NIC manager) to {@link Bond#transmit}, which places it on a member's ring by the load distribution (step
 * 812: NIC manager to driver), or holds it in the bond's backlog;</li>
 * <li>the bond says when its members can take frames again ({@link #uplinkReady}) and when the members carrying
 * traffic changed ({@link #capacityChanged}, [0116]); the scheduler then releases queued frames, through
 * {@link #send} again;</li>
 * <li>what became of each frame it let go comes back as counts ({@link #transmitted}, {@link #droppedDownstream}).</li>
 * </ol>
 * The bond tells nothing while it is placing a frame (see its transmit path): a call back into the scheduler lands
 * between two frames, never inside a placement, so neither side guards against re-entry. Network world's thread only;
 * the frame path allocates nothing.
 */
final class ResourceRoundTrip implements Gate, UplinkPort {

    private final Bond bond;
    private final UplinkScheduler scheduler;

    /** Opens the bond's scheduler in the resource manager, with this round trip as the uplink it sends through. */
    ResourceRoundTrip(Bond bond, ResourceManager resources) {
        this.bond = bond;
        this.scheduler = resources.open(bond.name(), this);
    }

    // --- NIC manager to resource manager ------------------------------------------------------------------------

    @Override
    public void offer(FrameBuffer frame) {
        scheduler.offer(frame); // whatever it decides, the scheduler owns the frame; a SEND came back through send
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

    @Override
    public void connect(int port, String vm) {
        scheduler.connect(port, vm);
    }

    @Override
    public void disconnect(int port) {
        scheduler.disconnect(port);
    }

    // --- resource manager to NIC manager: the bond as its scheduler sees it ----------------------------------------

    @Override
    public boolean ready() {
        return bond.ready();
    }

    @Override
    public void send(FrameBuffer frame) {
        bond.transmit(frame); // the bond owns it from here: on a ring, in its backlog, or dropped and counted
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
                .sorted(Comparator.comparingInt(member -> member.rank())).map(member -> member.nic()).toList();
    }
}
