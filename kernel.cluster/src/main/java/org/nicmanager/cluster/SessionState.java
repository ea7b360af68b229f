package org.nicmanager.cluster;

/** This host's ZooKeeper session as the cluster commands show it. */
public enum SessionState {
    /** Not yet connected: the ensemble has not answered since the host started (standalone-but-waiting). */
    CONNECTING,
    CONNECTED,
    /** The connection dropped; the session may still be alive on the ensemble. */
    SUSPENDED,
    /** The session expired: the host's ephemeral records are gone until it reconnects with a new session. */
    LOST,
    /** The host left the cluster (refused, or stopping). */
    CLOSED
}
