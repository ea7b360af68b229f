package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.distribution.BuiltInPolicies;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;

/**
 * The NIC manager follows configurations written by others, and not its own: what the bond: commands store changes
 * nothing when it comes back, even when it is read while a command is between its change and its write.
 */
class NicManagerFollowTest {

    private static final long MILLIS = 1_000_000L;
    private static final long WAIT_SECONDS = 10;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);

    private WorldThread world;
    private final MemoryStore store = new MemoryStore();
    private final List<String> events = new ArrayList<>();
    private Manager manager;

    /** The engine as both variants run it, here without VMs (the loadable variant). */
    private static final class Manager extends NicManagerBase {

        Manager(WorldThread world, BondEvents events, BondStore store) {
            super(world, world, VmKnowledge.NONE, Gates.DIRECT, events, store);
            BuiltInPolicies.all().forEach(this::policyAdded); // as DS binds the policy services
        }

        void nicArrived(org.nicmanager.kernel.api.nic.PhysicalNic nic) {
            nicAdded(nic);
        }
    }

    /** ConfigAdmin's stand-in; its next write can be held, as a slow ConfigAdmin would. */
    private static final class MemoryStore implements BondStore {

        final Map<String, BondConfig> bonds = new ConcurrentHashMap<>();
        volatile CountDownLatch writing;
        volatile CountDownLatch release;

        @Override
        public List<BondConfig> load(List<String> refusals) {
            return List.copyOf(bonds.values());
        }

        @Override
        public void save(BondConfig bond) {
            if (release != null) {
                writing.countDown();
                await(release);
            }
            bonds.put(bond.name(), bond);
        }

        @Override
        public void delete(String bond) {
            bonds.remove(bond);
        }

        Optional<BondConfig> read(String bond) {
            return Optional.ofNullable(bonds.get(bond));
        }
    }

    @BeforeEach
    void setUp() {
        world = new WorldThread(ClockMode.VIRTUAL, 30_000 * MILLIS, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        });
        manager = new Manager(world, new BondEvents() {
            @Override
            public void bondChanged(String what, String bond, String policy) {
                events.add(what + " " + bond);
            }

            @Override
            public void memberChanged(String what, String bond, String nic) {
                events.add(what + " " + bond + " " + nic);
            }

            @Override
            public void failover(String bond, FailoverEvent event) {
                events.add(event.reason() + " " + bond + " " + event.member());
            }
        }, store);
        SimulatedNetwork net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 7,
                SimSettings.defaults().withPoolBuffers(1024)));
        world.run(() -> net.addSwitch("sw", 8));
        for (String name : List.of("nic0", "nic1", "nic2")) {
            manager.nicArrived(world.call(() -> net.createCard(name, E1000, "sw")));
        }
        manager.create("bond0", Policies.ROUND_ROBIN, BondSettings.defaults());
        manager.add("bond0", List.of("nic0", "nic1"));
        events.clear();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private List<String> members() {
        return manager.show("bond0").stats().info().members().stream().map(member -> member.name()).toList();
    }

    @Test
    void aStoredBondWhosePolicyIsNotOfferedYetIsRestoredWhenItsServiceArrives() {
        store.bonds.put("bondP", new BondConfig("bondP", "last-member", FailbackMode.IMMEDIATE, 0,
                List.of("nic9")));
        Manager restarted = new Manager(world, BondEvents.NONE, store);

        List<String> refusals = restarted.restoreBonds();
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).startsWith("bond bondP from the configuration was not restored: unknown policy"
                + " 'last-member'"), refusals.get(0));
        assertFalse(restarted.reports().stream().anyMatch(report -> report.stats().name().equals("bondP")));

        DistributionPolicy plugin = new DistributionPolicy() {
            @Override
            public String name() {
                return "last-member";
            }

            @Override
            public BondDistributor create(PolicyContext bond) {
                return new BondDistributor() {
                    @Override
                    public int select(FrameFacts frame) {
                        int count = bond.members().activeCount();
                        return count == 0 ? NO_MEMBER : bond.members().active(count - 1);
                    }

                    @Override
                    public void rebuild() {
                    }
                };
            }
        };
        assertEquals(List.of("bond bondP restored from its configuration: policy last-member is offered now"),
                restarted.policyAdded(plugin));
        assertEquals("last-member", restarted.show("bondP").stats().policy());
        assertEquals(List.of("nic9"), restarted.show("bondP").nics());
        assertEquals(List.of(), restarted.policyAdded(plugin), "restored once");
    }

    @Test
    void whatTheCommandsStoredComesBackAsANoOp() {
        assertEquals("", manager.follow("bond0", () -> store.read("bond0")).change());
        assertEquals(List.of(), events);
    }

    @Test
    void aConfigurationWrittenByOthersIsFollowedAndItsDeletionDeletesTheBond() {
        BondConfig stored = store.bonds.get("bond0");
        store.bonds.put("bond0", new BondConfig("bond0", Policies.HASH_L34, stored.failback(),
                stored.failbackHoldDownMs(), List.of("nic1", "nic0"), stored.lacp()));
        assertEquals("bond bond0 follows its configuration: policy round-robin -> hash-l34;"
                + " failover order [nic1, nic0]", manager.follow("bond0", () -> store.read("bond0")).change());
        assertEquals(List.of("nic1", "nic0"), members());

        store.bonds.remove("bond0");
        assertEquals("bond bond0 deleted: its configuration was deleted",
                manager.follow("bond0", () -> store.read("bond0")).change());
        assertTrue(manager.reports().isEmpty());
    }

    @Test
    void aConfigurationNamingNoPolicyGetsTheVariantsDefaultFailoverOrderWithoutVms() {
        assertEquals(Policies.FAILOVER_ORDER, manager.defaultPolicy());
        store.bonds.put("bond1", new BondConfig("bond1", null, FailbackMode.IMMEDIATE, 0, List.of("nic2")));

        assertEquals("bond bond1 created from its configuration: policy failover-order, NICs [nic2]",
                manager.follow("bond1", () -> store.read("bond1")).change());
        assertEquals(Policies.FAILOVER_ORDER, manager.show("bond1").stats().policy());
    }

    @Test
    void theKernelIntegratedVariantsDefaultIsPerVm() {
        NicManagerBase integrated = new NicManagerBase(world, world, VmKnowledge.of(new VmFacts() {
            @Override
            public int priority(String vm) {
                return 5;
            }

            @Override
            public boolean running(String vm) {
                return false;
            }
        }), Gates.DIRECT, BondEvents.NONE, new MemoryStore()) {
        };

        assertEquals(Policies.PER_VM, integrated.defaultPolicy());
    }

    @Test
    void aConfigurationReadWhileACommandIsBetweenItsChangeAndItsWriteWaitsForTheWrite() throws Exception {
        store.writing = new CountDownLatch(1);
        store.release = new CountDownLatch(1);
        CompletableFuture<BondReport> command = CompletableFuture.supplyAsync(
                () -> manager.add("bond0", List.of("nic2")));
        await(store.writing); // nic2 is in the live bond; the store still says nic0, nic1

        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<BondFollowed> following = new CompletableFuture<>();
        Thread follower = new Thread(() -> following.complete(manager.follow("bond0", () -> {
            reads.incrementAndGet();
            return store.read("bond0");
        })), "follower");
        follower.start();
        awaitWaiting(follower);
        assertEquals(0, reads.get(), "the configuration is not read while the command has not written it");

        store.release.countDown();
        command.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(BondFollowed.NOTHING, following.get(WAIT_SECONDS, TimeUnit.SECONDS),
                "the command's own write: nothing to do");
        assertEquals(List.of("nic0", "nic1", "nic2"), members());
        assertFalse(events.stream().anyMatch(event -> event.startsWith("MEMBER_REMOVED")), events.toString());
    }

    /** Waits, without sleeping, until the thread waits for a monitor's notification (the commands' writes). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (thread.getState() != Thread.State.WAITING) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                fail("following the configuration did not wait for the command's write; the follower is "
                        + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("no progress within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
