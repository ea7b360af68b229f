package org.nicmanager.lib.lacp;

import org.osgi.annotation.versioning.ConsumerType;

/** What an {@link LacpPort} needs from the bond or switch it belongs to; its selection logic (6.4.14) is here. */
@ConsumerType
public interface LacpPortOwner {

    /** Puts {@code pdu} on this port's link now; false when it could not (no buffer, ring full): it is retried. */
    boolean transmit(LacpPort port, Lacpdu pdu);

    /** The partner's identity changed (update_Selected, 6.4.9): run the selection logic for this port. */
    void selectionNeeded(LacpPort port);

    /** The port attached, detached, or started or stopped collecting or distributing. */
    void muxChanged(LacpPort port);

    /** Ready (6.4.8): every port waiting to attach to this port's aggregator has waited Aggregate_Wait_Time. */
    boolean aggregatorReady(LacpPort port);

    /** This port's wait_while_timer ran out: the other ports of its aggregator may attach now too. */
    void waitEnded(LacpPort port);
}
