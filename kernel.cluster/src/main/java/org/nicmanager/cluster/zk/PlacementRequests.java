package org.nicmanager.cluster.zk;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.PlacementRequest;
import org.nicmanager.cluster.VmRecordCodec;

/**
 * {@code vm:start VM} without a host, on a host that does not lead: the leader chooses (issue 16 point 3). The host
 * writes an ephemeral sequential request under {@code /nicmgr/placements}; the leader places the VM and writes the
 * answer (the host, or the refusal) into the request; the host reads it and removes the request. A request whose host
 * dies goes with its session. The asking side waits on the caller's thread; the leader answers on its worker thread.
 */
final class PlacementRequests implements AutoCloseable {

    private final CuratorFramework client;
    private final String hostId;
    private final ClusterEvents events;
    private final CuratorCache requests;
    private final VmRecordCodec codec = new VmRecordCodec();
    /** path@version of the requests already reported as malformed. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** This host's requests waiting for the leader's answer, by path. */
    private final Map<String, CompletableFuture<PlacementRequest>> awaiting = new ConcurrentHashMap<>();

    /** @param anyChange told after each change (on Curator's thread: it must only hand on) */
    PlacementRequests(CuratorFramework client, String hostId, ClusterEvents events, Runnable anyChange) {
        this.client = client;
        this.hostId = hostId;
        this.events = events;
        this.requests = CuratorCache.build(client, ClusterPaths.PLACEMENTS);
        requests.listenable().addListener((type, before, after) -> {
            if (after != null) {
                answered(after);
            }
            anyChange.run();
        });
    }

    void start() {
        requests.start();
    }

    /**
     * Asks the leader to place the VM and waits for its answer up to {@code timeoutMs}. The answer comes through
     * the cache of requests this host keeps anyway: one timed wait, no watch of its own.
     *
     * @return the host it was placed on
     * @throws IllegalArgumentException the leader's refusal
     * @throws IllegalStateException when no leader answered in time (nothing was placed then, or the VM shows where)
     */
    String ask(String vm, long timeoutMs) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(ClusterPaths.PLACEMENTS);
        } catch (KeeperException.NodeExistsException made) {
            // made already
        }
        String path = client.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(
                ClusterPaths.PLACEMENTS + "/start-", codec.encode(new PlacementRequest(vm, hostId, null, null)));
        CompletableFuture<PlacementRequest> answer = new CompletableFuture<>();
        awaiting.put(path, answer);
        try {
            requests.get(path).ifPresent(this::answered); // answered before it was awaited
            PlacementRequest answered = answer.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (answered.refusal() != null) {
                throw new IllegalArgumentException(answered.refusal());
            }
            return answered.host();
        } catch (TimeoutException noAnswer) {
            throw new IllegalStateException("no leader answered the placement of VM " + vm + " within " + timeoutMs
                    + " ms; look at cluster:status and vm:list, and try again");
        } catch (ExecutionException unreadable) {
            throw (RuntimeException) unreadable.getCause(); // the answer did not parse
        } finally {
            awaiting.remove(path);
            try {
                client.delete().forPath(path);
            } catch (KeeperException.NoNodeException gone) {
                // gone with a session
            }
        }
    }

    /** A request of this host's changed: once it holds the leader's answer, the asker has it. Curator's thread. */
    private void answered(ChildData node) {
        CompletableFuture<PlacementRequest> waiting = awaiting.get(node.getPath());
        if (waiting == null || node.getData() == null) {
            return;
        }
        try {
            PlacementRequest request = codec.request(node.getPath(), node.getData());
            if (request.answered()) {
                waiting.complete(request);
            }
        } catch (HostRecordCodec.MalformedRecordException malformed) {
            waiting.completeExceptionally(malformed);
        }
    }

    /** On the leader: each request not answered yet is placed and answered. */
    void serve(Placement placement) throws Exception {
        for (ChildData node : requests.stream().toList()) {
            if (ClusterPaths.childOf(ClusterPaths.PLACEMENTS, node.getPath()) == null || node.getStat() == null) {
                continue;
            }
            PlacementRequest request;
            try {
                request = codec.request(node.getPath(), node.getData());
            } catch (HostRecordCodec.MalformedRecordException malformed) {
                if (reported.add(node.getPath() + "@" + node.getStat().getVersion())) {
                    events.post(ClusterTopics.RECORD_MALFORMED, node.getPath(), malformed.getMessage());
                }
                continue;
            }
            if (request.answered()) {
                continue;
            }
            PlacementRequest answer;
            try {
                answer = new PlacementRequest(request.vm(), request.from(), placement.place(request.vm(), null), null);
            } catch (IllegalArgumentException | IllegalStateException refused) {
                answer = new PlacementRequest(request.vm(), request.from(), null, refused.getMessage());
            }
            try {
                client.setData().withVersion(node.getStat().getVersion()).forPath(node.getPath(),
                        codec.encode(answer));
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException requesterGone) {
                // its host gave up or died; a placement made stays, as vm:list shows
            }
        }
    }

    @Override
    public void close() {
        requests.close();
    }
}
