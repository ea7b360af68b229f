package org.nicmanager.cluster;

/**
 * A host's request that the leader choose where a VM starts ({@code vm:start VM} without {@code --on}, issue 16 point
 * 3), kept in an ephemeral sequential znode under {@code /nicmgr/placements} until the requester has read the answer.
 *
 * @param from the requesting host
 * @param host the host the leader placed the VM on, once answered
 * @param refusal why the leader refused, once answered (naming the value and what is allowed)
 */
public record PlacementRequest(String vm, String from, String host, String refusal) {

    public boolean answered() {
        return host != null || refusal != null;
    }
}
