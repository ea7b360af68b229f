package org.nicmanager.cluster.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.cluster.ClusterStatus;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.MembershipState;
import org.nicmanager.cluster.SessionState;
import org.nicmanager.cluster.zk.RecordedEvents.Posted;

/**
 * Membership and leadership against a real ZooKeeper server in this JVM (curator-test). A host is killed by cutting the
 * TCP relay its client talks through ({@link Cable}): the ensemble hears nothing more from it, as after kill -9.
 */
class ClusterNodeTest {

    /** Short ticks so that a 2 s session may be granted (ZooKeeper grants 2 to 20 ticks). */
    private static final int TICK_MS = 100;
    private static final int SESSION_TIMEOUT_MS = 2_000;
    /** Generous bounds for what must happen; the measured figures are asserted separately. */
    private static final long PATIENCE_SECONDS = 60;

    private TestingServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // a killed host's node may fail to close cleanly
            }
        }
        server.close();
    }

    /** A host whose client goes through its own cable. */
    private record Host(ClusterNode node, RecordedEvents events, Cable cable, AtomicLong headroom) {
    }

    private Host host(String id, String machine) throws Exception {
        return host(id, machine, new RecordedEvents());
    }

    private Host host(String id, String machine, RecordedEvents events) throws Exception {
        Cable cable = new Cable(server.getPort());
        toClose.add(cable);
        AtomicLong headroom = new AtomicLong(1_000_000_000L);
        ClusterNode node = new ClusterNode(cable.connectString(), false, id, SESSION_TIMEOUT_MS,
                () -> record(id, machine, headroom.get()), events);
        toClose.add(node);
        node.start();
        return new Host(node, events, cable, headroom);
    }

    private static HostRecord record(String id, String machine, long headroomBps) {
        return record(id, machine, ProcessHandle.current().pid(), 1_700_000_000_000L, headroomBps);
    }

    private static HostRecord record(String id, String machine, long pid, long startedAtMillis, long headroomBps) {
        return new HostRecord(id, machine, pid, startedAtMillis, "0.1.0", List.of(new HostRecord.UplinkRecord("bond0",
                List.of("vmnic0", "vmnic1"), 2_000_000_000L, 2_000_000_000L - headroomBps)), headroomBps, 1);
    }

    private static Posted awaited(RecordedEvents events, String topic, String subject) throws InterruptedException {
        return events.await(topic, subject, PATIENCE_SECONDS).orElseThrow(() -> new AssertionError(
                "no " + topic + " for " + subject + " within " + PATIENCE_SECONDS + " s; events: " + events.all()));
    }

    @Test
    void aHostJoinsLeadsAndListsItsRecord() throws Exception {
        Host a = host("a", "machine-a");
        awaited(a.events(), ClusterTopics.JOINED, "a");
        awaited(a.events(), ClusterTopics.LEADER_ELECTED, "a");
        awaited(a.events(), ClusterTopics.HOST_JOINED, "a"); // its own record, as its view of the cluster has it

        ClusterStatus status = a.node().status();
        assertEquals(MembershipState.JOINED, status.membership());
        assertEquals(SessionState.CONNECTED, status.session());
        assertEquals("a", status.leader());
        assertTrue(status.leading());
        List<HostRecord> hosts = a.node().hosts();
        assertEquals(1, hosts.size(), "its own record, read back from ZooKeeper: " + hosts);
        assertEquals(record("a", "machine-a", 1_000_000_000L), hosts.get(0));
    }

    @Test
    void aSecondHostWithAnIdInUseIsRefusedNamingTheHolder() throws Exception {
        Host first = host("web-host", "machine-a");
        awaited(first.events(), ClusterTopics.LEADER_ELECTED, "web-host");

        Host second = host("web-host", "machine-b");
        Posted refused = awaited(second.events(), ClusterTopics.HOST_ID_TAKEN, "web-host");

        assertTrue(refused.details().contains("machine-a"), "names the holder's machine: " + refused.details());
        ClusterStatus status = second.node().status();
        assertEquals(MembershipState.REFUSED, status.membership());
        assertFalse(status.leading(), "a refused host takes no part in the election");
        assertEquals("web-host", status.leader(), "but it sees who leads");
        assertEquals("machine-a", first.node().hosts().get(0).machine(), "the holder's record is left alone");
        assertEquals(MembershipState.JOINED, first.node().status().membership());
    }

    @Test
    void aRecordLeftByAnEarlierRunOfThisHostIsWaitedOutNotRefused() throws Exception {
        long gonePid = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1_000_000;
        try (CuratorFramework earlierSession = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new RetryOneTime(100))) {
            earlierSession.start();
            earlierSession.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(
                    ClusterPaths.host("a"), new HostRecordCodec().encode(record("a", "machine-a", gonePid,
                            1_600_000_000_000L, 1_000_000_000L)));

            Host a = host("a", "machine-a");
            awaited(a.events(), ClusterTopics.SESSION, "a"); // connected
            a.events().awaitMatching(event -> event.details().contains("waits for the record of its own previous"
                    + " session"), PATIENCE_SECONDS).orElseThrow(() -> new AssertionError(a.events().all()));
            assertEquals(MembershipState.JOINING, a.node().status().membership());

            earlierSession.close(); // the ensemble expires the killed run's session, and its record goes with it
            awaited(a.events(), ClusterTopics.JOINED, "a");
            assertTrue(a.events().all().stream().noneMatch(event -> event.topic().equals(ClusterTopics.HOST_ID_TAKEN)),
                    a.events().all().toString());
        }
    }

    @Test
    void aKilledHostIsSeenGoneWithinItsSessionTimeoutPlusOneSecond() throws Exception {
        Host observer = host("observer", "machine-a");
        awaited(observer.events(), ClusterTopics.JOINED, "observer");
        Host victim = host("victim", "machine-b");
        awaited(observer.events(), ClusterTopics.HOST_JOINED, "victim");

        long killedAt = System.nanoTime();
        victim.cable().cut();
        Posted left = awaited(observer.events(), ClusterTopics.HOST_LEFT, "victim");

        long goneAfterMs = TimeUnit.NANOSECONDS.toMillis(left.nanos() - killedAt);
        System.out.printf("killed host seen gone after %d ms (session timeout %d ms)%n", goneAfterMs,
                SESSION_TIMEOUT_MS);
        assertTrue(goneAfterMs <= SESSION_TIMEOUT_MS + 1_000, "seen gone after " + goneAfterMs + " ms; allowed: "
                + "the session timeout " + SESSION_TIMEOUT_MS + " ms + 1 s");
        assertEquals(List.of("observer"), observer.node().hosts().stream().map(HostRecord::hostId).toList());
    }

    @Test
    void whenTheLeaderIsKilledAnotherHostIsElected() throws Exception {
        Host first = host("h1", "machine-1");
        awaited(first.events(), ClusterTopics.LEADER_ELECTED, "h1");
        RecordedEvents survivors = new RecordedEvents();
        Host second = host("h2", "machine-2", survivors);
        Host third = host("h3", "machine-3", survivors);
        awaited(survivors, ClusterTopics.JOINED, "h2");
        awaited(survivors, ClusterTopics.JOINED, "h3");
        assertEquals("h1", second.node().status().leader(), "the first to join leads");

        long killedAt = System.nanoTime();
        first.cable().cut();
        Posted elected = survivors.awaitMatching(event -> event.topic().equals(ClusterTopics.LEADER_ELECTED),
                PATIENCE_SECONDS).orElseThrow(() -> new AssertionError("no new leader: " + survivors.all()));

        long electedAfterMs = TimeUnit.NANOSECONDS.toMillis(elected.nanos() - killedAt);
        System.out.printf("new leader %s elected %d ms after the leader was killed (session timeout %d ms)%n",
                elected.subject(), electedAfterMs, SESSION_TIMEOUT_MS);
        assertTrue(Set.of("h2", "h3").contains(elected.subject()));
        assertTrue(electedAfterMs <= SESSION_TIMEOUT_MS + 1_000, "elected after " + electedAfterMs + " ms; allowed:"
                + " the session timeout " + SESSION_TIMEOUT_MS + " ms + 1 s");
        ClusterNode leader = elected.subject().equals("h2") ? second.node() : third.node();
        ClusterNode follower = elected.subject().equals("h2") ? third.node() : second.node();
        assertTrue(leader.status().leading());
        assertFalse(follower.status().leading());
        assertEquals(elected.subject(), follower.status().leader());
    }

    @Test
    void aMalformedRecordIsReportedAndSkipped() throws Exception {
        try (CuratorFramework other = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new RetryOneTime(100))) {
            other.start();
            other.create().creatingParentsIfNeeded().forPath(ClusterPaths.host("future"),
                    "{\"hostId\":\"future\",\"uplinks\":7}".getBytes(StandardCharsets.UTF_8));
            other.create().forPath(ClusterPaths.host("garbage"), "not json".getBytes(StandardCharsets.UTF_8));

            Host a = host("a", "machine-a");
            awaited(a.events(), ClusterTopics.JOINED, "a");
            Posted future = awaited(a.events(), ClusterTopics.RECORD_MALFORMED, ClusterPaths.host("future"));
            awaited(a.events(), ClusterTopics.RECORD_MALFORMED, ClusterPaths.host("garbage"));
            awaited(a.events(), ClusterTopics.HOST_JOINED, "a");

            assertTrue(future.details().contains("/nicmgr/hosts/future"), future.details());
            assertEquals(List.of("a"), a.node().hosts().stream().map(HostRecord::hostId).toList(),
                    "only the readable record is listed");
            assertTrue(a.events().all().stream().noneMatch(event -> event.topic().equals(ClusterTopics.HOST_JOINED)
                    && !event.subject().equals("a")), "an unreadable record is no host: " + a.events().all());
        }
    }

    @Test
    void aHostsRecordFollowsItsChanges() throws Exception {
        Host a = host("a", "machine-a");
        Host b = host("b", "machine-b");
        awaited(a.events(), ClusterTopics.HOST_JOINED, "b");
        awaited(b.events(), ClusterTopics.JOINED, "b");

        b.headroom().set(250_000_000L);
        b.node().describeAgain();
        awaited(a.events(), ClusterTopics.HOST_UPDATED, "b");

        assertEquals(250_000_000L, a.node().hosts().stream().filter(host -> host.hostId().equals("b")).findFirst()
                .orElseThrow().headroomBps(), "host a sees b's new headroom");
        assertNull(a.node().status().refusal());
    }
}
