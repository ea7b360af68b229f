package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.VmDefinition;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;
import org.nicmanager.cluster.zk.RecordedEvents.Posted;

/**
 * A real ZooKeeper server in this JVM (curator-test) and hosts with {@link FakeVms}, each client through its own
 * {@link Cable}, all sharing one {@link OwnerLedger}; closes everything it made.
 */
final class TestCluster implements AutoCloseable {

    /** Short ticks so that a 2 s session may be granted; sessions up to 10 s are allowed. */
    static final int TICK_MS = 100;
    static final int SESSION_TIMEOUT_MS = 2_000;
    static final long PATIENCE_SECONDS = 60;
    static final long GBPS = 1_000_000_000L;
    static final long MBPS = 1_000_000L;

    /** A host of the test. */
    record Host(String id, ClusterNode node, FakeVms vms, RecordedEvents events, Cable cable) {
    }

    final TestingServer server;
    final OwnerLedger ledger = new OwnerLedger();
    private final CuratorFramework observer;
    private final VmRecordCodec codec = new VmRecordCodec();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    TestCluster() throws Exception {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1,
                Map.<String, Object>of("maxSessionTimeout", "10000")), true);
        observer = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        observer.start();
    }

    Host host(String id, long capacityBps) throws Exception {
        return host(id, capacityBps, SESSION_TIMEOUT_MS);
    }

    /** A host, started and joined. */
    Host host(String id, long capacityBps, int sessionTimeoutMs) throws Exception {
        Cable cable = new Cable(server.getPort());
        toClose.add(cable);
        FakeVms vms = new FakeVms(id, capacityBps, ledger);
        RecordedEvents events = new RecordedEvents();
        ClusterNode node = new ClusterNode(cable.connectString(), false, id, sessionTimeoutMs, vms::record, events,
                vms);
        toClose.add(node);
        node.start();
        awaited(events, ClusterTopics.JOINED, id);
        return new Host(id, node, vms, events, cable);
    }

    static VmDefinition vm(String name, int priority, long reservationBps) {
        return new VmDefinition(name, priority, new VmDefinition.Allocation(1000, reservationBps, 0, 0, 0, 0, 0, null));
    }

    /** {@code vm:create} (and net:alloc) on a host, then waits until every other host has the VM too. */
    void create(Host on, VmDefinition definition, Host... others) throws InterruptedException {
        on.vms().createHere(definition);
        on.node().describeAgain();
        for (Host other : others) {
            awaitOn(other, vms -> vms.definition(definition.name()).map(definition::equals).orElse(false),
                    "host " + other.id() + " has VM " + definition.name());
        }
    }

    /** Places the VM on a host and waits until that host acts as its owner. */
    void startOn(Host placer, String vm, Host on) throws InterruptedException {
        placer.node().place(vm, on.id());
        awaitOn(on, vms -> vms.acting(vm), "host " + on.id() + " acts as owner of " + vm);
    }

    static void awaitOn(Host host, java.util.function.Predicate<FakeVms> condition, String what)
            throws InterruptedException {
        if (!host.vms().await(condition, PATIENCE_SECONDS)) {
            throw new AssertionError("not within " + PATIENCE_SECONDS + " s: " + what + "; changes on " + host.id()
                    + ": " + host.vms().changes() + "; events: " + host.events().all());
        }
    }

    static Posted awaited(RecordedEvents events, String topic, String subject) throws InterruptedException {
        return events.await(topic, subject, PATIENCE_SECONDS).orElseThrow(() -> new AssertionError(
                "no " + topic + " for " + subject + " within " + PATIENCE_SECONDS + " s; events: " + events.all()));
    }

    /** The VM's owner record as the server has it now, and its version in {@code stat}. */
    VmOwner owner(String vm, Stat stat) throws Exception {
        return codec.owner(ClusterPaths.owner(vm), observer.getData().storingStatIn(stat).forPath(
                ClusterPaths.owner(vm)));
    }

    VmDefinition definition(String vm) throws Exception {
        return codec.definition(ClusterPaths.vm(vm), observer.getData().forPath(ClusterPaths.vm(vm)));
    }

    CuratorFramework observer() {
        return observer;
    }

    static long millisSince(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }

    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // a killed host's node may fail to close cleanly
            }
        }
        observer.close();
        server.close();
    }
}
