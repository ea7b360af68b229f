package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;
import org.nicmanager.cluster.zk.VmCatalog.Versioned;

/**
 * High availability, on the leader (issue 16 point 5): the VMs whose owner is a host that is gone (no membership
 * record: its session expired) are restarted on the survivors with headroom for their reservations, highest priority
 * first, each with an event; those that fit nowhere are set to run nowhere, with one alert naming them. Each restart is
 * a version-checked write of the owner record, so a host that comes back and claims its VM first keeps it. A host that
 * is back with a new session is left to claim its VMs itself. Worker thread.
 */
final class Failover {

    private final CuratorFramework client;
    private final HostDirectory directory;
    private final VmCatalog catalog;
    private final ClusterEvents events;
    private final VmRecordCodec codec = new VmRecordCodec();

    Failover(CuratorFramework client, HostDirectory directory, VmCatalog catalog, ClusterEvents events) {
        this.client = client;
        this.directory = directory;
        this.catalog = catalog;
        this.events = events;
    }

    void scan() throws Exception {
        Map<String, Long> sessions = directory.sessions();
        Map<String, Versioned<VmDefinition>> definitions = catalog.definitions();
        Set<String> unreadable = catalog.unreadable();
        List<Versioned<VmOwner>> orphans = new ArrayList<>();
        catalog.owners().forEach((vm, owner) -> {
            if (!owner.value().runsNowhere() && !sessions.containsKey(owner.value().host())
                    && definitions.containsKey(vm) && !unreadable.contains(vm)) {
                orphans.add(owner);
            }
        });
        if (orphans.isEmpty()) {
            return;
        }
        orphans.sort(Comparator.<Versioned<VmOwner>>comparingInt(owner -> -definitions.get(owner.value().vm())
                .value().priority()).thenComparing(owner -> owner.value().vm()));
        List<HostRecord> survivors = directory.hosts().stream().filter(host -> sessions.containsKey(host.hostId()))
                .toList();
        Map<String, Long> placedBps = new HashMap<>();
        Map<String, Integer> placedVms = new HashMap<>();
        Set<String> notRestarted = new TreeSet<>();
        Set<String> deadHosts = new TreeSet<>();
        for (Versioned<VmOwner> orphan : orphans) {
            String vm = orphan.value().vm();
            String dead = orphan.value().host();
            if (client.checkExists().forPath(ClusterPaths.host(dead)) != null) {
                continue; // back already, or not gone after all: it claims its VMs itself
            }
            deadHosts.add(dead);
            VmDefinition definition = definitions.get(vm).value();
            Optional<HostRecord> target = Placement.choose(definition.reservationBps(), survivors, placedBps,
                    placedVms);
            VmOwner next = target.map(host -> new VmOwner(vm, host.hostId(), sessions.get(host.hostId())))
                    .orElse(VmOwner.nobody(vm));
            try {
                client.setData().withVersion(orphan.version()).forPath(ClusterPaths.owner(vm), codec.encode(next));
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changedMeanwhile) {
                continue; // claimed or changed meanwhile
            }
            if (target.isPresent()) {
                String host = target.get().hostId();
                placedBps.merge(host, definition.reservationBps(), Long::sum);
                placedVms.merge(host, 1, Integer::sum);
                events.post(ClusterTopics.VM_RESTARTED, vm, "VM " + vm + " (priority " + definition.priority()
                        + ", reservation " + Placement.rate(definition.reservationBps()) + ") of lost host " + dead
                        + " restarted on host " + host);
            } else {
                notRestarted.add(vm);
            }
        }
        if (!notRestarted.isEmpty()) {
            events.post(ClusterTopics.VMS_NOT_RESTARTED, String.join(",", deadHosts), "VMs " + String.join(", ",
                    notRestarted) + " of lost host(s) " + String.join(", ", deadHosts) + " stay stopped: no survivor"
                    + " has headroom for their reservations");
        }
    }
}
