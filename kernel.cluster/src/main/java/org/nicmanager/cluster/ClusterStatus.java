package org.nicmanager.cluster;

/**
 * What {@code cluster:status} shows.
 *
 * @param hostId this host's id
 * @param membership whether its record is in the cluster
 * @param session its ZooKeeper session's state
 * @param leader the leading host's id, or null while there is none (or it cannot be asked)
 * @param leading whether this host leads
 * @param ensemble the connect string joined
 * @param embeddedServer whether this host runs the ensemble's (standalone) server itself
 * @param sessionTimeoutMs the session timeout asked for
 * @param refusal why the host was refused, or null
 */
public record ClusterStatus(String hostId, MembershipState membership, SessionState session, String leader,
        boolean leading, String ensemble, boolean embeddedServer, int sessionTimeoutMs, String refusal) {
}
