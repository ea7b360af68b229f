package org.nicmanager.cluster.zk;

import java.io.IOException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;

/**
 * The cluster's leader, chosen among the joined hosts by Curator's {@link LeaderLatch} on {@code /nicmgr/leader}:
 * the oldest participant leads; when its session ends the next one takes over. The leader restarts a lost host's VMs
 * ({@link Failover}).
 */
final class Leadership implements AutoCloseable {

    private final LeaderLatch latch;

    /** @param becameLeader told when this host takes the lead (on Curator's thread: it must only hand on) */
    Leadership(CuratorFramework client, String hostId, ClusterEvents events, Runnable becameLeader) {
        this.latch = new LeaderLatch(client, ClusterPaths.LEADER, hostId);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                events.post(ClusterTopics.LEADER_ELECTED, hostId, "host " + hostId + " leads the cluster");
                becameLeader.run();
            }

            @Override
            public void notLeader() {
                events.post(ClusterTopics.LEADERSHIP_LOST, hostId, "host " + hostId + " no longer leads the cluster");
            }
        });
    }

    void start() throws Exception {
        latch.start();
    }

    boolean leading() {
        return latch.hasLeadership();
    }

    /** The leading host's id, or null while there is none or ZooKeeper cannot be asked. */
    String leader() {
        try {
            Participant leader = latch.getLeader();
            return leader.isLeader() ? leader.getId() : null;
        } catch (Exception cannotAsk) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        latch.close();
    }
}
