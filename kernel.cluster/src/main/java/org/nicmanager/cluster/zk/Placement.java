package org.nicmanager.cluster.zk;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.nicmanager.cluster.ClusterEvents;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;
import org.nicmanager.lib.units.Rate;

/**
 * {@code vm:start VM [--on HOST]} on a clustered host (issue 16 point 3): the VM's owner record is set to the host, in
 * one version-checked write, and that host starts it. Without a host, the least loaded live host with headroom for the
 * VM's reservation is chosen. A refusal names the value and what is allowed, and changes nothing. Worker thread.
 */
final class Placement {

    private final CuratorFramework client;
    private final HostDirectory directory;
    private final ClusterEvents events;
    private final VmRecordCodec codec = new VmRecordCodec();

    Placement(CuratorFramework client, HostDirectory directory, ClusterEvents events) {
        this.client = client;
        this.directory = directory;
        this.events = events;
    }

    /**
     * Among {@code candidates}, the hosts with headroom for {@code reservationBps} (less what this round already
     * placed on them), the least loaded: fewest running VMs, then most headroom, then by id.
     */
    static Optional<HostRecord> choose(long reservationBps, List<HostRecord> candidates, Map<String, Long> placedBps,
            Map<String, Integer> placedVms) {
        return candidates.stream()
                .filter(host -> headroom(host, placedBps) >= reservationBps)
                .min(Comparator.<HostRecord>comparingInt(host -> host.runningVms()
                        + placedVms.getOrDefault(host.hostId(), 0))
                        .thenComparing(host -> -headroom(host, placedBps))
                        .thenComparing(HostRecord::hostId));
    }

    static long headroom(HostRecord host, Map<String, Long> placedBps) {
        return host.headroomBps() - placedBps.getOrDefault(host.hostId(), 0L);
    }

    /**
     * @param requested the host asked for, or null to choose one
     * @return the host the VM was placed on
     */
    String place(String vm, String requested) throws Exception {
        VmDefinition definition = definition(vm);
        Stat ownerStat = new Stat();
        VmOwner owner = owner(vm, ownerStat);
        Map<String, Long> sessions = directory.sessions();
        if (!owner.runsNowhere() && alive(owner)) {
            throw new IllegalArgumentException("VM " + vm + " already runs on host " + owner.host() + "; stop it there"
                    + " first to start it elsewhere");
        }
        List<HostRecord> live = directory.hosts().stream().filter(host -> sessions.containsKey(host.hostId()))
                .toList();
        HostRecord target;
        long reservation = definition.reservationBps();
        if (requested != null) {
            target = live.stream().filter(host -> host.hostId().equals(requested)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown or dead host '" + requested + "' for VM " + vm
                            + "; live hosts: " + names(live)));
            if (target.headroomBps() < reservation) {
                throw new IllegalArgumentException("host " + requested + " has " + rate(target.headroomBps())
                        + " of headroom and VM " + vm + " reserves " + rate(reservation) + "; hosts with room: "
                        + names(live.stream().filter(host -> host.headroomBps() >= reservation).toList()));
            }
        } else {
            target = choose(reservation, live, Map.of(), Map.of()).orElseThrow(() -> new IllegalArgumentException(
                    "no live host has headroom for VM " + vm + "'s reservation of " + rate(reservation)
                            + "; headroom: " + live.stream().map(host -> host.hostId() + " "
                            + rate(host.headroomBps())).collect(Collectors.joining(", "))));
        }
        VmOwner placed = new VmOwner(vm, target.hostId(), sessions.get(target.hostId()));
        try {
            if (ownerStat.getVersion() < 0) {
                client.create().forPath(ClusterPaths.owner(vm), codec.encode(placed));
            } else {
                client.setData().withVersion(ownerStat.getVersion()).forPath(ClusterPaths.owner(vm),
                        codec.encode(placed));
            }
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException changedMeanwhile) {
            throw new IllegalStateException("VM " + vm + "'s owner changed while it was being placed; nothing was"
                    + " changed by this start: look again (vm:list) and try again");
        }
        events.post(ClusterTopics.VM_PLACED, vm, "VM " + vm + " placed on host " + target.hostId()
                + (requested == null ? " (chosen: least loaded with headroom for " + rate(reservation) + ")" : ""));
        return target.hostId();
    }

    /** Whether the owner's session is alive, asked of the ensemble itself (the directory may lag behind a new session). */
    private boolean alive(VmOwner owner) throws Exception {
        Stat member = client.checkExists().forPath(ClusterPaths.host(owner.host()));
        return member != null && member.getEphemeralOwner() == owner.session();
    }

    private VmDefinition definition(String vm) throws Exception {
        try {
            return codec.definition(ClusterPaths.vm(vm), client.getData().forPath(ClusterPaths.vm(vm)));
        } catch (KeeperException.NoNodeException unknown) {
            List<String> known = client.checkExists().forPath(ClusterPaths.VMS) == null ? List.of()
                    : client.getChildren().forPath(ClusterPaths.VMS).stream().sorted().toList();
            throw new IllegalArgumentException("no cluster VM named '" + vm + "'; cluster VMs: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        } catch (HostRecordCodec.MalformedRecordException unreadable) {
            throw new IllegalArgumentException(unreadable.getMessage());
        }
    }

    /** The owner record, its version in {@code stat} (-1 when there is none yet: nobody owns the VM). */
    private VmOwner owner(String vm, Stat stat) throws Exception {
        try {
            return codec.owner(ClusterPaths.owner(vm), client.getData().storingStatIn(stat).forPath(
                    ClusterPaths.owner(vm)));
        } catch (KeeperException.NoNodeException none) {
            stat.setVersion(-1);
            return VmOwner.nobody(vm);
        } catch (HostRecordCodec.MalformedRecordException unreadable) {
            throw new IllegalArgumentException(unreadable.getMessage());
        }
    }

    private static String names(List<HostRecord> hosts) {
        return hosts.isEmpty() ? "none" : hosts.stream().map(HostRecord::hostId).collect(Collectors.joining(", "));
    }

    static String rate(long bps) {
        return new Rate(Math.max(0, bps), Rate.Unit.BITS_PER_SECOND).toString();
    }
}
