package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.HostRecordCodec;

/**
 * Every host's membership record, watched ({@link CuratorCache} over {@code /nicmgr/hosts}): a host whose record
 * appears has joined, one whose record goes has left or lost its session. A record that does not parse (another
 * version wrote it) is reported once per version of it, and skipped.
 */
final class HostDirectory implements AutoCloseable {

    private final CuratorCache cache;
    private final String selfId;
    private final HostRecordCodec codec = new HostRecordCodec();
    private final ClusterEvents events;
    /** path@version of the records already reported as malformed. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param anyChange told after each host appears, changes or goes (on Curator's thread: it must only hand on) */
    HostDirectory(CuratorFramework client, String selfId, ClusterEvents events, Runnable anyChange) {
        this.cache = CuratorCache.build(client, ClusterPaths.HOSTS);
        this.selfId = selfId;
        this.events = events;
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(this::appeared)
                .forChanges((before, after) -> changed(after))
                .forDeletes(this::went)
                .build());
        cache.listenable().addListener((type, before, after) -> anyChange.run());
    }

    void start() {
        cache.start();
    }

    /** Every readable record, sorted by host id. */
    List<HostRecord> hosts() {
        List<HostRecord> hosts = new ArrayList<>();
        cache.stream().filter(node -> ClusterPaths.hostIdOf(node.getPath()) != null).forEach(node -> {
            HostRecord record = read(node);
            if (record != null) {
                hosts.add(record);
            }
        });
        hosts.sort(Comparator.comparing(HostRecord::hostId));
        return hosts;
    }

    /** Each live host's ZooKeeper session (its record's ephemeral owner), by host id; unreadable records left out. */
    Map<String, Long> sessions() {
        Map<String, Long> sessions = new HashMap<>();
        cache.stream().filter(node -> node.getStat() != null && read(node) != null).forEach(node -> sessions.put(
                ClusterPaths.hostIdOf(node.getPath()), node.getStat().getEphemeralOwner()));
        return sessions;
    }

    private void appeared(ChildData node) {
        String hostId = ClusterPaths.hostIdOf(node.getPath());
        if (hostId != null && read(node) != null) {
            events.post(ClusterTopics.HOST_JOINED, hostId, "host " + hostId + " joined the cluster");
        }
    }

    private void changed(ChildData node) {
        String hostId = ClusterPaths.hostIdOf(node.getPath());
        if (hostId != null && read(node) != null && !hostId.equals(selfId)) {
            events.post(ClusterTopics.HOST_UPDATED, hostId, "host " + hostId + " updated its record");
        }
    }

    private void went(ChildData node) {
        String hostId = ClusterPaths.hostIdOf(node.getPath());
        if (hostId != null) {
            events.post(ClusterTopics.HOST_LEFT, hostId, "host " + hostId + " left the cluster (its record is gone:"
                    + " it stopped, or its session expired)");
        }
    }

    /** The record, or null (reported the first time) when it does not parse or names another host. */
    private HostRecord read(ChildData node) {
        String hostId = ClusterPaths.hostIdOf(node.getPath());
        if (hostId == null) {
            return null;
        }
        try {
            HostRecord record = codec.decode(node.getPath(), node.getData());
            if (!record.hostId().equals(hostId)) {
                throw new HostRecordCodec.MalformedRecordException(node.getPath(), "it names host '"
                        + record.hostId() + "'");
            }
            return record;
        } catch (HostRecordCodec.MalformedRecordException malformed) {
            int version = node.getStat() == null ? -1 : node.getStat().getVersion();
            if (reported.add(node.getPath() + "@" + version)) {
                events.post(ClusterTopics.RECORD_MALFORMED, node.getPath(), malformed.getMessage());
            }
            return null;
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
