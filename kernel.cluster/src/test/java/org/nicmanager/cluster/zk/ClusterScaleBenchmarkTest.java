package org.nicmanager.cluster.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.cluster.zk.TestCluster.GBPS;
import static org.nicmanager.cluster.zk.TestCluster.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;

/**
 * Issue 16's "Scaling, measured": a benchmark client on the cluster's own record code (ClusterNode: DefinitionSync
 * publishing and mirroring, the placement request answered by the leader, Placement's and VmOwnership's
 * version-checked owner writes), against a 3-server ensemble (curator-test {@link TestingCluster}, in this JVM) with
 * 3 hosts. It measures (a) VM records published per second and mirrored to every host, in batches up to
 * {@code -Dcluster.bench.vms} (10,000), with the servers' znode, watch and data-size counts ({@code mntr}) and heap;
 * (b) placements per second through the leader (vm:start without --on, asked from the two other hosts); (c) owner
 * switches per second (release on the owner, place --on another host, the destination confirmed). Not part of the
 * default run: it runs only with {@code -Dcluster.bench=true} (README, "Scaling, measured").
 */
@EnabledIfSystemProperty(named = "cluster.bench", matches = "true")
class ClusterScaleBenchmarkTest {

    private static final int VMS = Integer.getInteger("cluster.bench.vms", 10_000);
    private static final int BATCH = Integer.getInteger("cluster.bench.batch", 1_000);
    private static final int PLACEMENTS = Integer.getInteger("cluster.bench.placements", 300);
    private static final int SWITCHES = Integer.getInteger("cluster.bench.switches", 200);
    private static final int CLIENT_THREADS = 4;
    private static final int SESSION_TIMEOUT_MS = 20_000;
    private static final long PATIENCE_SECONDS = 600;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final OwnerLedger ledger = new OwnerLedger();
    private final VmRecordCodec codec = new VmRecordCodec();
    private final Object pause = new Object();
    private TestingCluster ensemble;
    private CuratorFramework observer;

    private record Host(String id, ClusterNode node, FakeVms vms) {
    }

    @AfterEach
    void stopAll() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void oneEnsembleWithThreeHostsHoldsTenThousandVmsAndPlacesAndSwitchesOwners() throws Exception {
        System.setProperty("zookeeper.4lw.commands.whitelist", "mntr,wchs"); // the servers' own counts
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // ticks of 1 s: the benchmark's full GCs and a busy machine must not break the quorum (sync limit: ticks)
            specs.add(new InstanceSpec(null, -1, -1, -1, true, -1, 1_000, -1,
                    Map.<String, Object>of("maxSessionTimeout", "60000")));
        }
        ensemble = new TestingCluster(specs);
        toClose.add(ensemble);
        ensemble.start();
        observer = CuratorFrameworkFactory.newClient(ensemble.getConnectString(), new RetryOneTime(100));
        toClose.add(observer);
        observer.start();
        long heapEmpty = usedHeapAfterGc();
        report("empty ensemble (the whole JVM)", heapEmpty);

        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hosts.add(host("h" + i));
        }
        createVms(hosts);
        report("3 hosts, " + VMS + " VMs (beyond the empty ensemble)", usedHeapAfterGc() - heapEmpty);

        awaitCondition(() -> hosts.stream().anyMatch(host -> host.node().status().leading()), "a leader");
        Host leader = hosts.stream().filter(host -> host.node().status().leading()).findFirst().orElseThrow();
        List<Host> others = hosts.stream().filter(host -> host != leader).toList();
        placeThroughLeader(others, hosts);
        switchOwners(hosts);
        assertTrue(ledger.violations().isEmpty(), "no VM owned twice: " + ledger.violations());

        for (Host host : hosts) {
            host.node().close();
        }
        report("hosts gone, " + VMS + " VMs kept (beyond the empty ensemble)", usedHeapAfterGc() - heapEmpty);
    }

    /** (a) VMs created on the three hosts in turn, a batch at a time, until the ensemble holds {@link #VMS}. */
    private void createVms(List<Host> hosts) throws Exception {
        long allStart = System.nanoTime();
        for (int made = 0; made < VMS; made += BATCH) {
            int target = Math.min(VMS, made + BATCH);
            long start = System.nanoTime();
            for (int i = made; i < target; i++) {
                hosts.get(i % hosts.size()).vms().createHere(vm(String.format("vm%05d", i), i % 11, 0));
            }
            hosts.forEach(host -> host.node().describeAgain());
            awaitCondition(() -> childCount(ClusterPaths.VMS) >= target, target + " VMs published");
            long published = System.nanoTime();
            for (Host host : hosts) {
                assertTrue(host.vms().await(vms -> vms.definedCount() >= target, PATIENCE_SECONDS),
                        "host " + host.id() + " has " + target + " VMs");
            }
            long mirrored = System.nanoTime();
            System.out.printf("BENCH create: %5d..%5d VMs: published %6.0f VMs/s, on every host after %5d ms"
                    + " (%6.0f VMs/s)%n", made, target, perSecond(target - made, start, published),
                    millis(start, mirrored), perSecond(target - made, start, mirrored));
            assertEquals(target, childCount(ClusterPaths.OWNERS), "one owner record per VM");
        }
        System.out.printf("BENCH create: %d VMs in %d ms (%.0f VMs/s, definition and owner record each)%n", VMS,
                millis(allStart, System.nanoTime()), perSecond(VMS, allStart, System.nanoTime()));
    }

    /** (b) vm:start without --on from the two hosts that do not lead, {@link #CLIENT_THREADS} threads each. */
    private void placeThroughLeader(List<Host> askers, List<Host> hosts) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS * askers.size());
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS * askers.size(); t++) {
            Host asker = askers.get(t % askers.size());
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < PLACEMENTS; i = next.getAndIncrement()) {
                    try {
                        asker.node().place(String.format("vm%05d", i), null);
                    } catch (IllegalArgumentException | IllegalStateException failed) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
        long answered = System.nanoTime();
        clients.shutdown();
        awaitCondition(() -> hosts.stream().mapToInt(host -> host.vms().runningCount()).sum() >= PLACEMENTS
                - refused.get(), "placed VMs run");
        long running = System.nanoTime();
        System.out.printf("BENCH place: %d placements through the leader (%d askers x %d threads), %d refused:"
                + " answered %.1f/s, running on their hosts %.1f/s; spread %s%n", PLACEMENTS, askers.size(),
                CLIENT_THREADS, refused.get(), perSecond(PLACEMENTS, start, answered),
                perSecond(PLACEMENTS, start, running), hosts.stream().map(host -> host.id() + "="
                        + host.vms().runningCount()).toList());
        assertEquals(0, refused.get(), "every placement answered");
    }

    /** (c) a running VM released by its owner and placed on another host, until that host acts for it. */
    private void switchOwners(List<Host> hosts) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < SWITCHES; i = next.getAndIncrement()) {
                    switchOwner(String.format("vm%05d", i % PLACEMENTS), hosts);
                }
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
        long end = System.nanoTime();
        clients.shutdown();
        System.out.printf("BENCH switch: %d owner switches (%d in flight): %.1f/s, %.0f ms each%n", SWITCHES,
                CLIENT_THREADS, perSecond(SWITCHES, start, end), (double) millis(start, end) * CLIENT_THREADS
                        / SWITCHES);
    }

    private void switchOwner(String vm, List<Host> hosts) throws Exception {
        VmOwner owner = awaitOwner(vm, record -> !record.runsNowhere());
        Host from = hosts.stream().filter(host -> host.id().equals(owner.host())).findFirst().orElseThrow();
        Host to = hosts.get((hosts.indexOf(from) + 1) % hosts.size());
        from.vms().stopHere(vm);
        from.node().describeAgain();
        awaitOwner(vm, VmOwner::runsNowhere);
        to.node().place(vm, to.id());
        if (!to.vms().await(vms -> vms.acting(vm), PATIENCE_SECONDS)) {
            throw new AssertionError("host " + to.id() + " does not act for " + vm);
        }
    }

    /** The VM's owner record once it satisfies the condition, woken by a watch on it. */
    private VmOwner awaitOwner(String vm, Predicate<VmOwner> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            VmOwner owner = codec.owner(ClusterPaths.owner(vm), observer.getData()
                    .usingWatcher((Watcher) event -> changed.countDown()).forPath(ClusterPaths.owner(vm)));
            if (condition.test(owner)) {
                return owner;
            }
            if (!changed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("owner of " + vm + " stays " + owner);
            }
        }
    }

    private Host host(String id) throws Exception {
        FakeVms vms = new FakeVms(id, 1000 * GBPS, ledger);
        RecordedEvents events = new RecordedEvents();
        ClusterNode node = new ClusterNode(ensemble.getConnectString(), false, id, SESSION_TIMEOUT_MS, vms::record,
                events, vms);
        toClose.add(node);
        node.start();
        TestCluster.awaited(events, ClusterTopics.JOINED, id);
        return new Host(id, node, vms);
    }

    /** Each server's own counts (mntr) and the heap this JVM uses beyond the empty ensemble's. */
    private void report(String when, long heapBytes) throws Exception {
        for (InstanceSpec server : ensemble.getInstances()) {
            String mntr = serving(server, "mntr");
            StringBuilder counts = new StringBuilder();
            for (String line : mntr.split("\n")) {
                if (line.matches("zk_(znode_count|watch_count|approximate_data_size|ephemerals_count"
                        + "|num_alive_connections|server_state)\t.*")) {
                    counts.append(' ').append(line.replace('\t', '='));
                }
            }
            String watches = serving(server, "wchs");
            System.out.printf("BENCH mntr %s, server %d:%s; wchs: %s%n", when, server.getPort(), counts,
                    watches.strip().replace('\n', ' '));
        }
        System.out.printf("BENCH heap %s: %d MB used after GC%n", when, heapBytes >> 20);
    }

    /** A four-letter word's answer, once the server serves again (a full GC may have paused the ensemble). */
    private String serving(InstanceSpec server, String word) throws Exception {
        String[] answer = new String[1];
        awaitCondition(() -> {
            try {
                answer[0] = FourLetterWordMain.send4LetterWord("localhost", server.getPort(), word);
                return !answer[0].contains("not currently serving");
            } catch (Exception notYet) {
                return false;
            }
        }, "server " + server.getPort() + " serves");
        return answer[0];
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private int childCount(String path) {
        try {
            Stat stat = observer.checkExists().forPath(path);
            return stat == null ? 0 : stat.getNumChildren();
        } catch (Exception electing) {
            return -1;
        }
    }

    private void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        synchronized (pause) {
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + PATIENCE_SECONDS + " s: " + what);
                }
                pause.wait(5); // polled: the condition is the ensemble's count, or spans hosts
            }
        }
    }

    private static double perSecond(int count, long startNanos, long endNanos) {
        return count * 1e9 / Math.max(1, endNanos - startNanos);
    }

    private static long millis(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
