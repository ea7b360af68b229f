package org.nicmanager.cluster.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.cluster.zk.TestCluster.GBPS;
import static org.nicmanager.cluster.zk.TestCluster.MBPS;
import static org.nicmanager.cluster.zk.TestCluster.SESSION_TIMEOUT_MS;
import static org.nicmanager.cluster.zk.TestCluster.awaitOn;
import static org.nicmanager.cluster.zk.TestCluster.awaited;
import static org.nicmanager.cluster.zk.TestCluster.millisSince;
import static org.nicmanager.cluster.zk.TestCluster.vm;

import java.util.List;

import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.zk.RecordedEvents.Posted;
import org.nicmanager.cluster.zk.TestCluster.Host;

/**
 * Fencing (issue 16 point 2) and restart of a lost host's VMs (point 5) against a real ZooKeeper server in this JVM.
 * A host is cut from the ensemble through its {@link Cable}; "acting as owner" is what {@link FakeVms} shows (running,
 * not fenced: its frames would go out), and the shared {@link OwnerLedger} checks that no VM is ever acted for by two
 * hosts at once. Times are measured from the test's timestamps on the real clock.
 */
class FencingAndFailoverTest {

    private static final int LONG_SESSION_MS = 6_000;

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
    void aHostCutFromTheEnsembleStopsSendingAtOnceAndActsAgainOnceConfirmedInTheSameSession() throws Exception {
        Host a = cluster.host("a", GBPS);
        Host b = cluster.host("b", GBPS, LONG_SESSION_MS);
        cluster.create(a, vm("web", 5, 100 * MBPS), b);
        cluster.startOn(a, "web", b);
        Stat placed = new Stat();
        cluster.owner("web", placed);

        long cutAt = System.nanoTime();
        b.cable().block();
        awaitOn(b, vms -> !vms.acting("web"), "b stops acting for web");
        long fencedAfterMs = millisSince(cutAt, b.vms().first("web", "FENCED", cutAt).orElseThrow().nanos());
        System.out.printf("host cut from the ensemble fenced its VM after %d ms (session timeout %d ms)%n",
                fencedAfterMs, LONG_SESSION_MS);
        assertTrue(fencedAfterMs < LONG_SESSION_MS, "fenced after " + fencedAfterMs + " ms: it must be before the"
                + " ensemble can expire its session (" + LONG_SESSION_MS + " ms) and give the VM away");
        assertTrue(b.node().ownedVms().isEmpty());
        assertTrue(b.vms().running("web"), "it still runs here: only its frames stop");

        b.cable().unblock();
        awaitOn(b, vms -> vms.acting("web"), "b, back in the same session, acts for web again");
        Stat after = new Stat();
        assertEquals("b", cluster.owner("web", after).host());
        assertEquals(placed.getVersion(), after.getVersion(), "confirmed by the same record: nothing was rewritten");
        assertTrue(cluster.ledger.violations().isEmpty(), cluster.ledger.violations().toString());
    }

    @Test
    void aHostBackAfterItsSessionExpiredFindsItsVmRestartedElsewhereAndNeverSendsForItAgain() throws Exception {
        Host a = cluster.host("a", GBPS);
        Host b = cluster.host("b", GBPS);
        cluster.create(a, vm("web", 5, 100 * MBPS), b);
        cluster.startOn(a, "web", b);

        long cutAt = System.nanoTime();
        b.cable().block();
        awaitOn(a, vms -> vms.acting("web"), "the leader restarts web on itself");
        b.cable().unblock();
        awaited(b.events(), ClusterTopics.VM_STOPPED_HERE, "web");

        assertFalse(b.vms().running("web"), "stopped on the host that lost it");
        assertTrue(b.vms().first("web", "UNFENCED", cutAt).isEmpty(), "b never acted for web after the cut: "
                + b.vms().changes());
        assertEquals("a", cluster.owner("web", new Stat()).host());
        assertTrue(cluster.ledger.violations().isEmpty(), cluster.ledger.violations().toString());
    }

    @Test
    void aKilledHostsVmsAreRestartedOnSurvivorsWithHeadroomInPriorityOrderAndTheRestAlerted() throws Exception {
        Host a = cluster.host("a", GBPS);
        awaited(a.events(), ClusterTopics.LEADER_ELECTED, "a");
        Host b = cluster.host("b", 2 * GBPS);
        Host c = cluster.host("c", GBPS);
        for (String[] vm : new String[][] {{"low", "1"}, {"high", "9"}, {"middle", "5"}}) {
            cluster.create(b, vm(vm[0], Integer.parseInt(vm[1]), 600 * MBPS), a, c);
            cluster.startOn(b, vm[0], b);
        }

        long killedAt = System.nanoTime();
        b.cable().cut();
        awaitOn(a, vms -> vms.acting("high"), "high restarted on a (least loaded, first by id)");
        awaitOn(c, vms -> vms.acting("middle"), "middle restarted on c (a has 400 Mb/s left)");
        Posted alert = awaited(a.events(), ClusterTopics.VMS_NOT_RESTARTED, "b");

        long restartedAfterMs = millisSince(killedAt, Math.max(
                a.vms().first("high", "STARTED", killedAt).orElseThrow().nanos(),
                c.vms().first("middle", "STARTED", killedAt).orElseThrow().nanos()));
        System.out.printf("killed host's VMs restarted after %d ms (session timeout %d ms)%n", restartedAfterMs,
                SESSION_TIMEOUT_MS);
        assertTrue(restartedAfterMs <= SESSION_TIMEOUT_MS + 2_000, "restarted after " + restartedAfterMs + " ms;"
                + " allowed: the session timeout " + SESSION_TIMEOUT_MS + " ms + 2 s");
        List<String> order = a.events().all().stream().filter(event -> event.topic().equals(
                ClusterTopics.VM_RESTARTED)).map(Posted::subject).toList();
        assertEquals(List.of("high", "middle"), order, "one event each, highest priority first");
        assertTrue(alert.details().contains("low") && !alert.details().contains("high"), alert.details());
        assertTrue(cluster.owner("low", new Stat()).runsNowhere(), "what fits nowhere stays stopped");
        assertFalse(a.vms().running("low") || c.vms().running("low"));
        assertTrue(b.vms().isFenced("high") && b.vms().isFenced("middle") && b.vms().isFenced("low"),
                "the killed host, still running in this JVM, sends for none of them");
        assertTrue(cluster.ledger.violations().isEmpty(), cluster.ledger.violations().toString());
    }
}
