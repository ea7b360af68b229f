package org.nicmanager.cluster.zk;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.cluster.zk.TestCluster.GBPS;
import static org.nicmanager.cluster.zk.TestCluster.MBPS;
import static org.nicmanager.cluster.zk.TestCluster.PATIENCE_SECONDS;
import static org.nicmanager.cluster.zk.TestCluster.TICK_MS;
import static org.nicmanager.cluster.zk.TestCluster.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.cluster.ClusterTopics;
import org.nicmanager.cluster.HostRecordCodec;
import org.nicmanager.cluster.VmOwner;
import org.nicmanager.cluster.VmRecordCodec;

/**
 * The invariant of issue 16's Done-when: no VM is ever owned twice. A seeded random run of 200 steps on a 3-server
 * ensemble (curator-test {@link TestingCluster}) with hosts in this JVM: owner switches (a VM stopped on its host and
 * started on another, or where the leader chooses), host kills (every connection of the host cut, as kill -9) and
 * ensemble server kills (killed, then restarted). The {@link OwnerLedger} sees every moment a host starts or stops
 * acting for a VM (its frames would go out) and records any VM acted for by two hosts at once; after each step the run
 * waits until each VM's owner record and the acting host agree.
 */
class NeverOwnedTwiceTest {

    private static final int STEPS = 200;
    private static final long SEED = Long.getLong("nicmgr.cluster.seed", 16L);
    private static final int HOSTS = 4;
    private static final int VMS = 6;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final OwnerLedger ledger = new OwnerLedger();
    private final VmRecordCodec codec = new VmRecordCodec();
    private final Object pause = new Object();
    private TestingCluster ensemble;
    private CuratorFramework observer;

    /** A host whose client reaches each server through its own cable. */
    private record Host(String id, ClusterNode node, FakeVms vms, RecordedEvents events, List<Cable> cables) {
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
    }

    @Test
    void noVmIsEverOwnedTwiceOverARandomRunOfSwitchesHostKillsAndServerKills() throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            specs.add(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1,
                    Map.<String, Object>of("maxSessionTimeout", "10000")));
        }
        ensemble = new TestingCluster(specs);
        toClose.add(ensemble);
        ensemble.start();
        observer = CuratorFrameworkFactory.newClient(ensemble.getConnectString(), new RetryOneTime(100));
        toClose.add(observer);
        observer.start();
        Random random = new Random(SEED);
        List<Host> live = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            live.add(host("h" + i));
        }
        List<String> vms = new ArrayList<>();
        for (int i = 0; i < VMS; i++) {
            vms.add("vm" + i);
            live.get(0).vms().createHere(vm("vm" + i, i % 11, 100 * MBPS));
        }
        live.get(0).node().describeAgain();
        awaitCondition(() -> vms.stream().allMatch(vm -> live.stream().allMatch(host -> host.vms().definition(vm)
                .isPresent())), "every host has every VM");

        int switches = 0;
        int hostKills = 0;
        int serverKills = 0;
        int hostsMade = HOSTS;
        long startedAt = System.nanoTime();
        for (int step = 0; step < STEPS; step++) {
            double roll = random.nextDouble();
            String action;
            if (roll < 0.1 && live.size() > 2) {
                Host victim = live.remove(random.nextInt(live.size()));
                victim.cables().forEach(Cable::cut);
                action = "host " + victim.id() + " killed";
                live.add(host("h" + hostsMade++));
                hostKills++;
            } else if (roll < 0.2) {
                List<InstanceSpec> servers = new ArrayList<>(ensemble.getInstances());
                InstanceSpec server = servers.get(random.nextInt(servers.size()));
                ensemble.killServer(server);
                action = "server " + server.getPort() + " killed and restarted";
                settle(vms, live, "after server " + server.getPort() + " was killed");
                ensemble.restartServer(server);
                serverKills++;
            } else {
                String vm = vms.get(random.nextInt(vms.size()));
                action = "owner switch of " + vm;
                switches += switchOwner(vm, live, random) ? 1 : 0;
            }
            settle(vms, live, "after step " + step);
            assertTrue(ledger.violations().isEmpty(), "seed " + SEED + ", step " + step + " (" + action + "): "
                    + ledger.violations() + state(vms, live));
        }
        System.out.printf("seed %d: %d steps (%d owner switches, %d host kills, %d server kills) in %d s, %d"
                + " acting transitions, no VM owned twice%n", SEED, STEPS, switches, hostKills, serverKills,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt), ledger.transitions());
        assertTrue(switches > STEPS / 2 && hostKills > 0 && serverKills > 0, "the run did what it says");
    }

    /** Stops the VM where it runs, if it does, and starts it on a random host or where the leader chooses. */
    private boolean switchOwner(String vm, List<Host> live, Random random) throws Exception {
        VmOwner owner = owner(vm);
        if (owner != null && !owner.runsNowhere()) {
            Host running = live.stream().filter(host -> host.id().equals(owner.host())).findFirst().orElseThrow();
            running.vms().stopHere(vm);
            running.node().describeAgain();
            awaitCondition(() -> ownerOrNull(vm) != null && ownerOrNull(vm).runsNowhere(), vm + " released");
        }
        Host asking = live.get(random.nextInt(live.size()));
        String target = random.nextBoolean() ? live.get(random.nextInt(live.size())).id() : null;
        try {
            asking.node().place(vm, target);
            return true;
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return false; // no headroom, or the cluster was busy electing: nothing changed
        }
    }

    /** Waits until each VM runs nowhere and nobody acts for it, or its owner is a live host that acts for it. */
    private void settle(List<String> vms, List<Host> live, String when) throws InterruptedException {
        awaitCondition(() -> vms.stream().allMatch(vm -> {
            VmOwner owner = ownerOrNull(vm);
            if (owner == null) {
                return false;
            }
            if (owner.runsNowhere()) {
                return ledger.actingFor(vm).isEmpty();
            }
            return live.stream().anyMatch(host -> host.id().equals(owner.host()) && host.vms().acting(vm));
        }), () -> "owner records and acting hosts agree " + when + ": " + state(vms, live));
    }

    private String state(List<String> vms, List<Host> live) {
        StringBuilder state = new StringBuilder();
        vms.forEach(vm -> state.append("\n").append(vm).append(": ").append(ownerOrNull(vm)).append(" acting ")
                .append(ledger.actingFor(vm)));
        live.forEach(host -> state.append("\n").append(host.id()).append(" owns ").append(host.node().ownedVms())
                .append(", ").append(host.node().status()).append(", failures: ").append(host.events().all()
                        .stream().filter(event -> event.details().contains("failed")).toList()));
        return state.toString();
    }

    private VmOwner ownerOrNull(String vm) {
        try {
            return owner(vm);
        } catch (Exception unreachable) {
            return null; // the ensemble is electing a leader: ask again
        }
    }

    private VmOwner owner(String vm) throws Exception {
        try {
            return codec.owner(ClusterPaths.owner(vm), observer.getData().forPath(ClusterPaths.owner(vm)));
        } catch (HostRecordCodec.MalformedRecordException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private Host host(String id) throws Exception {
        List<Cable> cables = new ArrayList<>();
        for (InstanceSpec server : ensemble.getInstances()) {
            Cable cable = new Cable(server.getPort());
            toClose.add(cable);
            cables.add(cable);
        }
        FakeVms vms = new FakeVms(id, GBPS, ledger);
        RecordedEvents events = new RecordedEvents();
        ClusterNode node = new ClusterNode(cables.stream().map(Cable::connectString).collect(Collectors.joining(",")),
                false, id, TestCluster.SESSION_TIMEOUT_MS, vms::record, events, vms);
        toClose.add(node);
        node.start();
        TestCluster.awaited(events, ClusterTopics.JOINED, id);
        return new Host(id, node, vms, events, cables);
    }

    private void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        awaitCondition(condition, () -> what);
    }

    private void awaitCondition(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        synchronized (pause) {
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("seed " + SEED + ": not within " + PATIENCE_SECONDS + " s: "
                            + what.get());
                }
                pause.wait(20); // polled: the condition spans hosts and the ensemble
            }
        }
    }
}
