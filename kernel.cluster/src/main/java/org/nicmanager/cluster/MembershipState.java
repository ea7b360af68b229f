package org.nicmanager.cluster;

/** Whether this host's membership record is in the cluster. */
public enum MembershipState {
    /** Waiting for a session to write it. */
    JOINING,
    JOINED,
    /** Another live host holds this host's id: this host stays out of the cluster. */
    REFUSED
}
