package org.nicmanager.cluster.zk;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.LocalVms;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;
import org.nicmanager.cluster.zk.VmCatalog.Versioned;

/**
 * Which cluster VMs this host acts as the owner of, and fencing (issue 16 point 2). A host acts as a VM's owner only
 * while its session is up and the VM's owner record names it in that very session; every other VM it knows is fenced
 * (its frames are dropped NOT_OWNER). Losing the session fences every VM at once, from ZooKeeper's event thread; a host
 * back with a new session claims its VMs again with a version-checked write before it acts, and one that finds
 * another owner stops them here. Rounds run on the worker thread; {@link #fenceAll} on any.
 */
final class VmOwnership {

    private final CuratorFramework client;
    private final String hostId;
    private final LocalVms local;
    private final ClusterEvents events;
    private final VmRecordCodec codec = new VmRecordCodec();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the VMs this host acts as owner of, with their fencing tokens (owner versions). */
    private final Map<String, Integer> tokens = new HashMap<>();
    /** Guarded by {@link #lock}: bumped by each loss of the session, so that a round begun before it confirms nothing. */
    private long epoch;
    /** Worker only: the owner version under which this host last had the VM running. */
    private final Map<String, Integer> ranUnder = new HashMap<>();
    /**
     * Worker only: the newest owner version this host has seen or written per VM. The cache may still show an older
     * record after this host's own write (a release, say): acting on it would act on an owner record already replaced.
     */
    private final Map<String, Integer> newest = new HashMap<>();
    /** Worker only: the creation (zxid) of the owner znode {@link #newest} counts in; a VM made again starts over. */
    private final Map<String, Long> newestCreated = new HashMap<>();

    VmOwnership(CuratorFramework client, String hostId, LocalVms local, ClusterEvents events) {
        this.client = client;
        this.hostId = hostId;
        this.local = local;
        this.events = events;
    }

    /** The session is suspended or lost: this host stops acting as the owner of every VM, at once. */
    void fenceAll(String why) {
        synchronized (lock) {
            epoch++;
            for (String vm : tokens.keySet()) {
                local.fence(vm, true);
                events.post(ClusterTopics.VM_FENCED, vm, "host " + hostId + " stops acting as the owner of VM " + vm
                        + ": " + why);
            }
            tokens.clear();
        }
    }

    /** The epoch a round starts in; {@link #confirm} refuses if the session was lost since. */
    long epoch() {
        synchronized (lock) {
            return epoch;
        }
    }

    /** The VMs this host acts as the owner of now, with their fencing tokens. */
    Map<String, Integer> owned() {
        synchronized (lock) {
            return new TreeMap<>(tokens);
        }
    }

    /** Not joined or not connected: nothing is owned, every VM known here is fenced. */
    void fenceEverything(String why) {
        fenceAll(why);
        local.definitions().forEach(definition -> local.fence(definition.name(), true));
    }

    /**
     * One round: each VM this host knows is started, kept, claimed, or stopped and fenced, as its owner record says.
     *
     * @param session this host's session now
     * @param roundEpoch {@link #epoch()} taken before the round read anything
     */
    void round(Map<String, Versioned<VmDefinition>> cluster, Map<String, Versioned<VmOwner>> owners,
            Set<String> unreadable, long session, long roundEpoch) throws Exception {
        for (VmDefinition known : local.definitions()) {
            String vm = known.name();
            if (unreadable.contains(vm)) {
                continue;
            }
            if (!cluster.containsKey(vm)) {
                fence(vm); // not published yet (or deleted meanwhile): left as it is until the next round
                continue;
            }
            Versioned<VmOwner> owner = owners.get(vm);
            if (owner != null && Long.valueOf(owner.created()).equals(newestCreated.get(vm))
                    && owner.version() < newest.getOrDefault(vm, -1)) {
                fence(vm); // this view is older than a record already seen here: wait for the cache to catch up
                continue;
            }
            if (owner != null) {
                newest.put(vm, owner.version());
                newestCreated.put(vm, owner.created());
            }
            if (owner == null || owner.value().runsNowhere() || !owner.value().host().equals(hostId)) {
                notMine(vm, owner == null || owner.value().runsNowhere() ? null : owner.value().host());
            } else if (owner.value().session() != session) {
                claim(vm, owner.version(), session, roundEpoch);
            } else {
                mine(vm, owner.version(), roundEpoch);
            }
        }
    }

    /** The record names this host in this session. */
    private void mine(String vm, int version, long roundEpoch) throws Exception {
        boolean running = local.running(vm);
        Integer ran = ranUnder.get(vm);
        if (!running && ran != null && ran == version) {
            release(vm, version); // it ran here under this very record and stopped: the operator stopped it here
            return;
        }
        if (!confirm(vm, version, roundEpoch)) {
            return;
        }
        if (!running) {
            try {
                local.start(vm);
            } catch (RuntimeException refused) {
                events.post(ClusterTopics.VM_START_FAILED, vm, "host " + hostId + " could not start VM " + vm
                        + " placed on it: " + refused.getMessage() + "; it is released");
            }
        }
        ranUnder.put(vm, version); // a start that failed is released by the next round, as a stop would be
    }

    /** The record names this host in an earlier session: it claims the VM again, version-checked, before acting. */
    private void claim(String vm, int version, long session, long roundEpoch) throws Exception {
        fence(vm);
        try {
            Stat written = client.setData().withVersion(version).forPath(ClusterPaths.owner(vm),
                    codec.encode(new VmOwner(vm, hostId, session)));
            newest.put(vm, written.getVersion());
            events.post(ClusterTopics.VM_CLAIMED, vm, "host " + hostId + " is confirmed again as the owner of VM "
                    + vm + " in its new session (owner version " + written.getVersion() + ")");
            mine(vm, written.getVersion(), roundEpoch);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException lost) {
            // the leader gave it to another host meanwhile: the next round stops it here
        }
    }

    /** Another host owns the VM, or none: it is fenced here, and stopped if it runs here. */
    private void notMine(String vm, String owner) {
        fence(vm);
        ranUnder.remove(vm);
        if (local.running(vm)) {
            local.stop(vm);
            events.post(ClusterTopics.VM_STOPPED_HERE, vm, "host " + hostId + " stopped VM " + vm + ": "
                    + (owner == null ? "it runs nowhere in the cluster" : "host " + owner + " owns it"));
        }
    }

    private void release(String vm, int version) throws Exception {
        fence(vm);
        ranUnder.remove(vm);
        try {
            Stat written = client.setData().withVersion(version).forPath(ClusterPaths.owner(vm),
                    codec.encode(VmOwner.nobody(vm)));
            newest.put(vm, written.getVersion());
            events.post(ClusterTopics.VM_RELEASED, vm, "VM " + vm + " stopped on host " + hostId
                    + " now runs nowhere");
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changedMeanwhile) {
            // the record changed meanwhile: the next round follows it
        }
    }

    private boolean confirm(String vm, int version, long roundEpoch) {
        synchronized (lock) {
            if (epoch != roundEpoch) {
                return false; // the session was lost since this round read the records
            }
            Integer before = tokens.put(vm, version);
            local.fence(vm, false);
            if (before == null) {
                events.post(ClusterTopics.VM_OWNED, vm, "host " + hostId + " acts as the owner of VM " + vm
                        + " (owner version " + version + ")");
            }
            return true;
        }
    }

    private void fence(String vm) {
        synchronized (lock) {
            if (tokens.remove(vm) != null) {
                events.post(ClusterTopics.VM_FENCED, vm, "host " + hostId + " no longer owns VM " + vm);
            }
            local.fence(vm, true);
        }
    }
}
