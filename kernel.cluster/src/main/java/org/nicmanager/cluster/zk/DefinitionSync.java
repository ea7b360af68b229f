package org.nicmanager.cluster.zk;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
 * Keeps this host's VMs and the cluster's VM definitions the same, both ways (issue 16 point 3): a VM created here
 * ({@code vm:create}) is published with no owner; a definition published elsewhere is created here; an allocation
 * changed on either side goes to the other (the side that changed since the last round wins, ZooKeeper's if both did:
 * its write was version-checked); a VM deleted on either side goes on the other, unless another host runs it. Worker
 * thread only.
 */
final class DefinitionSync {

    private final CuratorFramework client;
    private final String hostId;
    private final LocalVms local;
    private final ClusterEvents events;
    private final VmRecordCodec codec = new VmRecordCodec();
    /** The definition znode version each VM was last in line with. */
    private final Map<String, Integer> seenVersion = new HashMap<>();
    /** The local definition each VM was last in line with, as read back from the local services. */
    private final Map<String, VmDefinition> seenLocal = new HashMap<>();
    /** VMs this host published that the cache does not show yet: not deleted elsewhere, only not seen yet. */
    private final Set<String> publishedUnseen = new HashSet<>();
    /** The creation (zxid) of the definition znode each VM was last in line with, where known. */
    private final Map<String, Long> seenCreated = new HashMap<>();
    /** VMs this host deleted in the cluster, by the creation of the znode deleted, while the cache still shows it. */
    private final Map<String, Long> deleted = new HashMap<>();
    private boolean parentsMade;

    DefinitionSync(CuratorFramework client, String hostId, LocalVms local, ClusterEvents events) {
        this.client = client;
        this.hostId = hostId;
        this.local = local;
        this.events = events;
    }

    /**
     * One round.
     *
     * @param runningHere this host's session, when a VM running here is published: it is published as owned by this host
     */
    void round(Map<String, Versioned<VmDefinition>> cluster, Map<String, Versioned<VmOwner>> owners,
            Set<String> unreadable, long session) throws Exception {
        Map<String, VmDefinition> here = new HashMap<>();
        local.definitions().forEach(definition -> here.put(definition.name(), definition));
        Set<String> names = new HashSet<>(cluster.keySet());
        names.addAll(here.keySet());
        names.addAll(seenVersion.keySet());
        names.removeAll(unreadable);
        for (String name : names) {
            Versioned<VmDefinition> published = cluster.get(name);
            VmDefinition mine = here.get(name);
            if (behind(name, published)) {
                continue; // the cache has not caught up with this host's own write yet
            }
            boolean known = seenVersion.containsKey(name);
            if (published != null && mine == null) {
                if (known) {
                    deletedHere(name, published, owners.get(name));
                } else {
                    mirror(name, published);
                }
            } else if (published == null && mine != null) {
                if (known) {
                    deletedInCluster(name);
                } else {
                    publish(mine, session);
                }
            } else if (published != null) {
                if (!known || published.version() != seenVersion.get(name)) {
                    if (!published.value().equals(mine)) {
                        mirror(name, published);
                    } else {
                        inLine(name, published.version(), mine);
                        seenCreated.put(name, published.created());
                    }
                } else if (!mine.equals(seenLocal.get(name))) { // same version as last seen: the change is here
                    changedHere(name, mine, published.version());
                }
            } else {
                forget(name);
            }
        }
    }

    /** Whether the cache shows an older state of the VM's definition than this host wrote or saw last. */
    private boolean behind(String name, Versioned<VmDefinition> cached) {
        if (cached == null) {
            deleted.remove(name);
            return publishedUnseen.contains(name);
        }
        publishedUnseen.remove(name);
        Long deletedCreation = deleted.get(name);
        if (deletedCreation != null) {
            if (deletedCreation == cached.created()) {
                return true;
            }
            deleted.remove(name); // made again since, elsewhere
        }
        Integer seen = seenVersion.get(name);
        Long created = seenCreated.get(name);
        return seen != null && (created == null || created == cached.created()) && cached.version() < seen;
    }

    private void mirror(String name, Versioned<VmDefinition> published) {
        local.define(published.value());
        VmDefinition readBack = local.definitions().stream().filter(vm -> vm.name().equals(name)).findFirst()
                .orElse(published.value());
        inLine(name, published.version(), readBack);
        seenCreated.put(name, published.created());
    }

    private void publish(VmDefinition mine, long session) throws Exception {
        makeParents();
        VmOwner owner = local.running(mine.name()) ? new VmOwner(mine.name(), hostId, session)
                : VmOwner.nobody(mine.name());
        try {
            client.transaction().forOperations(
                    client.transactionOp().create().forPath(ClusterPaths.vm(mine.name()), codec.encode(mine)),
                    client.transactionOp().create().forPath(ClusterPaths.owner(mine.name()), codec.encode(owner)));
            inLine(mine.name(), 0, mine);
            publishedUnseen.add(mine.name());
            events.post(ClusterTopics.VM_PUBLISHED, mine.name(), "VM " + mine.name() + " created on host " + hostId
                    + " is now a cluster VM" + (owner.runsNowhere() ? "" : ", running on " + hostId));
        } catch (KeeperException.NodeExistsException raced) {
            // another host published a VM of that name first: the next round mirrors its definition here
        }
    }

    private void changedHere(String name, VmDefinition mine, int version) throws Exception {
        try {
            Stat written = client.setData().withVersion(version).forPath(ClusterPaths.vm(name), codec.encode(mine));
            inLine(name, written.getVersion(), mine);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changedMeanwhile) {
            // changed or deleted in the cluster meanwhile: the next round takes the cluster's
        }
    }

    /** Deleted here: deleted in the cluster too, unless another host runs it, which keeps it (and so does this one). */
    private void deletedHere(String name, Versioned<VmDefinition> published, Versioned<VmOwner> owner)
            throws Exception {
        if (owner != null && !owner.value().runsNowhere() && !owner.value().host().equals(hostId)) {
            events.post(ClusterTopics.VM_DELETE_REFUSED, name, "VM " + name + " runs on host " + owner.value().host()
                    + ": it stays in the cluster (and on this host); stop it there before deleting it");
            mirror(name, published);
            return;
        }
        try {
            if (owner == null) {
                client.delete().withVersion(published.version()).forPath(ClusterPaths.vm(name));
            } else {
                client.transaction().forOperations(
                        client.transactionOp().delete().withVersion(owner.version()).forPath(ClusterPaths.owner(name)),
                        client.transactionOp().delete().withVersion(published.version()).forPath(ClusterPaths.vm(name)));
            }
            forget(name);
            deleted.put(name, published.created());
            events.post(ClusterTopics.VM_UNPUBLISHED, name, "VM " + name + " deleted on host " + hostId
                    + " is deleted in the cluster");
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changedMeanwhile) {
            // its records changed meanwhile: the next round looks again
        }
    }

    private void deletedInCluster(String name) {
        local.remove(name);
        forget(name);
    }

    private void inLine(String name, int version, VmDefinition localView) {
        seenVersion.put(name, version);
        seenLocal.put(name, localView);
    }

    private void forget(String name) {
        seenVersion.remove(name);
        seenLocal.remove(name);
        seenCreated.remove(name);
    }

    private void makeParents() throws Exception {
        if (parentsMade) {
            return;
        }
        for (String parent : new String[] {ClusterPaths.VMS, ClusterPaths.OWNERS}) {
            try {
                client.create().creatingParentsIfNeeded().forPath(parent);
            } catch (KeeperException.NodeExistsException already) {
                // made by another host
            }
        }
        parentsMade = true;
    }
}
