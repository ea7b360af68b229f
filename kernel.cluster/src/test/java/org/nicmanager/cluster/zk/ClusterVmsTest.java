package org.nicmanager.cluster.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.cluster.zk.TestCluster.GBPS;
import static org.nicmanager.cluster.zk.TestCluster.MBPS;
import static org.nicmanager.cluster.zk.TestCluster.awaitOn;
import static org.nicmanager.cluster.zk.TestCluster.awaited;
import static org.nicmanager.cluster.zk.TestCluster.vm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.zk.TestCluster.Host;

/**
 * Cluster-wide VMs (issue 16 point 3) against a real ZooKeeper server in this JVM: definitions mirrored both ways,
 * placement with {@code --on} and by choice, refusals that change nothing, and records that do not parse.
 */
class ClusterVmsTest {

    private TestCluster cluster;

    @BeforeEach
    void startServer() throws Exception {
        cluster = new TestCluster();
    }

    @AfterEach
    void stopAll() throws Exception {
        cluster.close();
    }

    @Test
    void aVmCreatedOnOneHostBecomesAClusterVmOnEveryHostAndAllocationsFollowBothWays() throws Exception {
        Host a = cluster.host("a", GBPS);
        Host b = cluster.host("b", GBPS);
        VmDefinition web = vm("web", 7, 100 * MBPS);

        cluster.create(a, web, b);

        assertEquals(web, cluster.definition("web"), "kept in ZooKeeper as vm:create and net:alloc gave it");
        assertTrue(cluster.owner("web", new Stat()).runsNowhere(), "created, not started: it runs nowhere");
        awaited(a.events(), ClusterTopics.VM_PUBLISHED, "web");

        VmDefinition more = vm("web", 7, 300 * MBPS); // net:alloc on the other host
        b.vms().createHere(more);
        b.node().describeAgain();
        awaitOn(a, vms -> vms.definition("web").map(more::equals).orElse(false), "a has b's new reservation");
        assertEquals(more, cluster.definition("web"));
        assertTrue(a.vms().isFenced("web") && b.vms().isFenced("web"), "nobody owns it: it is fenced everywhere");
        assertTrue(cluster.ledger.actingFor("web").isEmpty());
    }

    @Test
    void vmStartOnAHostPlacesItThereAndOnlyThatHostActsAsItsOwner() throws Exception {
        Host a = cluster.host("a", GBPS);
        Host b = cluster.host("b", GBPS);
        cluster.create(a, vm("web", 5, 100 * MBPS), b);

        assertEquals("b", a.node().place("web", "b"));
        awaitOn(b, vms -> vms.acting("web"), "b runs web");

        Stat stat = new Stat();
        VmOwner owner = cluster.owner("web", stat);
        assertEquals("b", owner.host());
        assertEquals(Map.of("web", stat.getVersion()), b.node().ownedVms(), "b's fencing token is the version");
        assertFalse(a.vms().acting("web"));
        assertEquals(Set.of("b"), cluster.ledger.actingFor("web"));
        awaitOn(a, vms -> a.node().vmHosts().equals(Map.of("web", "b")), "a's vm:list shows web on b");

        IllegalArgumentException running = assertThrows(IllegalArgumentException.class,
                () -> a.node().place("web", "a"));
        assertTrue(running.getMessage().contains("already runs on host b"), running.getMessage());

        b.vms().stopHere("web"); // vm:stop on its host: it runs nowhere
        b.node().describeAgain();
        awaited(b.events(), ClusterTopics.VM_RELEASED, "web");
        assertTrue(cluster.owner("web", new Stat()).runsNowhere());
        assertTrue(cluster.ledger.violations().isEmpty(), cluster.ledger.violations().toString());
    }

    @Test
    void refusalsNameTheValueAndWhatIsAllowedAndChangeNothing() throws Exception {
        Host a = cluster.host("a", GBPS);
        Host b = cluster.host("b", 200 * MBPS);
        cluster.create(a, vm("big", 5, 500 * MBPS), b);
        Stat before = new Stat();
        cluster.owner("big", before);

        IllegalArgumentException unknownHost = assertThrows(IllegalArgumentException.class,
                () -> a.node().place("big", "esx9"));
        assertTrue(unknownHost.getMessage().contains("unknown or dead host 'esx9'")
                && unknownHost.getMessage().contains("live hosts: a, b"), unknownHost.getMessage());

        IllegalArgumentException noRoom = assertThrows(IllegalArgumentException.class,
                () -> a.node().place("big", "b"));
        assertTrue(noRoom.getMessage().contains("host b has 200Mbps of headroom")
                && noRoom.getMessage().contains("reserves 500Mbps") && noRoom.getMessage().contains("room: a"),
                noRoom.getMessage());

        IllegalArgumentException unknownVm = assertThrows(IllegalArgumentException.class,
                () -> a.node().place("ghost", null));
        assertTrue(unknownVm.getMessage().contains("no cluster VM named 'ghost'")
                && unknownVm.getMessage().contains("big"), unknownVm.getMessage());

        cluster.create(a, vm("huge", 5, 5 * GBPS), b);
        IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class,
                () -> b.node().place("huge", null));
        assertTrue(nowhere.getMessage().contains("no live host has headroom for VM huge's reservation of 5Gbps"),
                nowhere.getMessage());

        Stat after = new Stat();
        assertTrue(cluster.owner("big", after).runsNowhere());
        assertEquals(before.getVersion(), after.getVersion(), "nothing was written");
        assertTrue(cluster.owner("huge", new Stat()).runsNowhere());
    }

    @Test
    void withoutAHostTheLeastLoadedHostWithHeadroomForTheReservationIsChosen() throws Exception {
        Host a = cluster.host("a", 200 * MBPS);
        Host b = cluster.host("b", GBPS);
        Host c = cluster.host("c", GBPS);
        cluster.create(a, vm("first", 5, 100 * MBPS), b, c);
        cluster.create(a, vm("second", 5, 500 * MBPS), b, c);
        cluster.create(a, vm("third", 5, 0), b, c);
        cluster.startOn(a, "first", b);
        awaitOn(a, vms -> a.node().hosts().stream().anyMatch(host -> host.hostId().equals("b")
                && host.runningVms() == 1), "b's record shows its VM");

        assertEquals("c", a.node().place("second", null), "a lacks room for 500 Mb/s; b runs a VM already");
        awaitOn(c, vms -> vms.acting("second"), "c runs second");
        awaitOn(a, vms -> a.node().hosts().stream().anyMatch(host -> host.hostId().equals("c")
                && host.runningVms() == 1), "c's record shows its VM");
        List<Host> hosts = List.of(a, b, c);
        awaitOn(a, vms -> hosts.stream().anyMatch(host -> host.node().status().leading()), "a leader");
        Host leader = hosts.stream().filter(host -> host.node().status().leading()).findFirst().orElseThrow();
        Host asking = hosts.stream().filter(host -> host != leader).findFirst().orElseThrow();
        assertEquals("a", asking.node().place("third", null), "no reservation: the least loaded host");
        awaitOn(a, vms -> vms.acting("third"), "a runs third");
        assertTrue(leader.events().all().stream().anyMatch(event -> event.topic().equals(ClusterTopics.VM_PLACED)
                && event.subject().equals("third")), asking.id() + " asked the leader, " + leader.id()
                + ", which chose");
        assertTrue(asking.events().all().stream().noneMatch(event -> event.topic().equals(ClusterTopics.VM_PLACED)
                && event.subject().equals("third")));
        assertTrue(cluster.observer().getChildren().forPath(ClusterPaths.PLACEMENTS).isEmpty(),
                "the answered request is gone");
        assertTrue(cluster.ledger.violations().isEmpty(), cluster.ledger.violations().toString());
    }

    @Test
    void aVmWhoseRecordDoesNotParseIsReportedAndLeftAloneWhole() throws Exception {
        cluster.observer().create().creatingParentsIfNeeded().forPath(ClusterPaths.vm("future"),
                "{\"name\":\"future\",\"priority\":\"high\"}".getBytes(StandardCharsets.UTF_8));
        cluster.observer().create().creatingParentsIfNeeded().forPath(ClusterPaths.vm("half"),
                "{\"name\":\"half\",\"priority\":3}".getBytes(StandardCharsets.UTF_8));
        cluster.observer().create().creatingParentsIfNeeded().forPath(ClusterPaths.owner("half"),
                "{\"vm\":\"half\",\"host\":\"a\",\"session\":1,\"migrating\":true}".getBytes(StandardCharsets.UTF_8));

        Host a = cluster.host("a", GBPS);
        cluster.create(a, vm("web", 5, 0));
        awaited(a.events(), ClusterTopics.VM_PUBLISHED, "web");
        String future = awaited(a.events(), ClusterTopics.RECORD_MALFORMED, ClusterPaths.vm("future")).details();
        String half = awaited(a.events(), ClusterTopics.RECORD_MALFORMED, ClusterPaths.owner("half")).details();

        assertTrue(future.contains("'priority' must be a number"), future);
        assertTrue(half.contains("unknown field 'migrating'"), half);
        assertEquals(Set.of("web"), Set.copyOf(a.vms().definitions().stream().map(VmDefinition::name).toList()),
                "neither is mirrored, not even the half whose definition reads");
    }
}
