package org.nicmanager.nicmanager.bond;

/** What became of a frame offered to a bond. Every offered frame ends in exactly one of these. */
public enum TransmitOutcome {
    /** A member's transmit ring took it. */
    SENT,
    /** No member could take it now; it waits in the bond's backlog. */
    QUEUED,
    /** Dropped, counted with a {@link org.nicmanager.kernel.api.resource.DropReason}. */
    DROPPED
}
