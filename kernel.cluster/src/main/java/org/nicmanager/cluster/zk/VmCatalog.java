package org.nicmanager.cluster.zk;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;

/**
 * Every cluster VM's definition and owner record, watched ({@link CuratorCache}s over {@code /nicmgr/vms} and
 * {@code /nicmgr/owners}). A record that does not parse is reported once per version of it and skipped, and its VM is
 * left alone altogether (listed in {@link #unreadable()}) rather than handled from half its records.
 */
final class VmCatalog implements AutoCloseable {

    /** A record, the version of its znode, and the znode's creation (zxid): a VM deleted and made again differs. */
    record Versioned<T>(T value, int version, long created) {
    }

    private final CuratorCache definitions;
    private final CuratorCache owners;
    private final VmRecordCodec codec = new VmRecordCodec();
    private final ClusterEvents events;
    /** path@version of the records already reported as malformed. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param anyChange told after each change (on Curator's thread: it must only hand on) */
    VmCatalog(CuratorFramework client, ClusterEvents events, Runnable anyChange) {
        this.events = events;
        this.definitions = CuratorCache.build(client, ClusterPaths.VMS);
        this.owners = CuratorCache.build(client, ClusterPaths.OWNERS);
        definitions.listenable().addListener((type, before, after) -> anyChange.run());
        owners.listenable().addListener((type, before, after) -> anyChange.run());
    }

    void start() {
        definitions.start();
        owners.start();
    }

    Map<String, Versioned<VmDefinition>> definitions() {
        return read(definitions, ClusterPaths.VMS, codec::definition, new HashSet<>());
    }

    Map<String, Versioned<VmOwner>> owners() {
        return read(owners, ClusterPaths.OWNERS, codec::owner, new HashSet<>());
    }

    /** The VMs one of whose records does not parse. */
    Set<String> unreadable() {
        Set<String> unreadable = new HashSet<>();
        read(definitions, ClusterPaths.VMS, codec::definition, unreadable);
        read(owners, ClusterPaths.OWNERS, codec::owner, unreadable);
        return unreadable;
    }

    private <T> Map<String, Versioned<T>> read(CuratorCache cache, String parent,
            BiFunction<String, byte[], T> decode, Set<String> unreadable) {
        Map<String, Versioned<T>> records = new HashMap<>();
        cache.stream().forEach(node -> {
            String name = ClusterPaths.childOf(parent, node.getPath());
            if (name == null || node.getStat() == null) {
                return;
            }
            try {
                records.put(name, new Versioned<>(decode.apply(node.getPath(), node.getData()),
                        node.getStat().getVersion(), node.getStat().getCzxid()));
            } catch (HostRecordCodec.MalformedRecordException malformed) {
                unreadable.add(name);
                report(node, malformed);
            }
        });
        return records;
    }

    private void report(ChildData node, HostRecordCodec.MalformedRecordException malformed) {
        if (reported.add(node.getPath() + "@" + node.getStat().getVersion())) {
            events.post(ClusterTopics.RECORD_MALFORMED, node.getPath(), malformed.getMessage());
        }
    }

    @Override
    public void close() {
        definitions.close();
        owners.close();
    }
}
