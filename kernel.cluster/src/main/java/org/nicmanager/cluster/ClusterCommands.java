package org.nicmanager.cluster;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code cluster:} commands. They are there on a standalone host too, and say so; they touch no ZooKeeper class
 * unless the host is clustered.
 */
@Component(service = ClusterCommands.class, property = {
        "osgi.command.scope=cluster", "osgi.command.function=status", "osgi.command.function=hosts"})
public final class ClusterCommands {

    static final String STANDALONE = "standalone: no cluster is configured (start the host with --cluster HOST:PORT"
            + " or --cluster embedded[:PORT])";

    /** What {@code cluster:status} shows on a host that is not clustered. */
    public record Standalone(String mode, String details) {
    }

    /** What {@code cluster:hosts --json} shows. */
    public record HostList(String leader, List<HostRecord> hosts) {
    }

    /** What {@code cluster:hosts} shows. */
    public record HostTable(String leader, List<HostRow> hosts) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterView cluster;

    @Descriptor("This host in the cluster: its id, membership, ZooKeeper session state (CONNECTING, CONNECTED,"
            + " SUSPENDED, LOST, CLOSED), the leader, the ensemble")
    public Object status(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        refuseExtra("cluster:status", extra);
        ClusterView view = cluster;
        Object status = view == null ? new Standalone("standalone", STANDALONE) : view.status();
        return json ? new Json(status) : status;
    }

    @Descriptor("Every host in the cluster with its record: uplinks and their capacity, reservation headroom,"
            + " running VMs, version")
    public Object hosts(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        refuseExtra("cluster:hosts", extra);
        ClusterView view = cluster;
        if (view == null) {
            throw new IllegalStateException("cluster:hosts: this host is " + STANDALONE);
        }
        String leader = view.status().leader();
        List<HostRecord> hosts = view.hosts();
        return json ? new Json(new HostList(leader, hosts))
                : new HostTable(leader, hosts.stream().map(HostRow::of).toList());
    }

    private static void refuseExtra(String command, String[] extra) {
        if (extra.length != 0) {
            throw new IllegalArgumentException(command + " takes only --json; got '" + String.join(" ", extra) + "'");
        }
    }
}
