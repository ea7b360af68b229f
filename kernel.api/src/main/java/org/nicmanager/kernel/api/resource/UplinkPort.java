package org.nicmanager.kernel.api.resource;

import java.util.Collection;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** A bond or unbonded NIC as its {@link UplinkScheduler} sees it; implemented by the NIC manager. */
@ConsumerType
public interface UplinkPort {

    /** True while the uplink takes a frame now without queuing it: some member that carries traffic has room. */
    boolean ready();

    /** Hands a frame to the uplink to send now. The uplink owns it from here, whatever happens to it. */
    void send(FrameBuffer frame);

    /**
     * What the uplink's policy carries now, in bits per second ([0116]); 0 when no member does. That is the line rate
     * of the members whose role is ACTIVE: the active member alone for active-backup ({@code failover-order}), the
     * members of the selected aggregator for LACP, every member in service for a spreading policy. A standby member,
     * or one LACP did not select, adds nothing. The uplink tells its scheduler when this changes (failover, failback,
     * LACP selection, a policy change).
     */
    long capacityBps();

    /**
     * The most the uplink can carry by its policy when every member is up and, with LACP, selected, in bits per second:
     * what reservations are admitted against (as vSphere's admission control counts a team's adapters), so that
     * admission does not depend on when it is asked, during LACP negotiation, say, or while a member is down. A
     * spreading policy carries the sum of its members' line rates; active-backup carries one member at a time. It
     * changes with the members and the policy, not with their links or LACP's progress. Control path.
     *
     * <p>The default, for an uplink that cannot tell, is what it carries now.
     *
     * @since 1.3
     */
    default long admissibleCapacityBps() {
        return capacityBps();
    }

    /**
     * What {@link #capacityBps()} would be if these NICs failed (for {@code net:whatif}), by the same policy: failing a
     * standby changes nothing, failing the active member of active-backup leaves the next member's rate, failing LACP
     * members leaves what selection would then use (none below min-links). Unknown names are ignored.
     */
    long capacityWithoutBps(Collection<String> failedNics);

    /** The names of the uplink's NICs, in failover order. */
    List<String> nics();
}
