package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;

/**
 * Policies as services: a bond finds its policy by name among those offered, an unknown name is refused listing the
 * names offered, and a bond whose policy's service leaves falls back to the default and returns to its policy when
 * it comes back, with an event each way and every frame accounted for.
 */
class PolicyFallbackTest {

    private static final long MILLIS = 1_000_000L;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    private static final long VM_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    private static final long HOST_MAC = MacAddress.parse("02:00:00:00:01:01").bits();

    /** A third party's policy: everything on the last active member. */
    private static class LastMember implements DistributionPolicy {
        @Override
        public String name() {
            return "last-member";
        }

        @Override
        public List<String> aliases() {
            return List.of("the-last");
        }

        @Override
        public BondDistributor create(PolicyContext bond) {
            MemberTable members = bond.members();
            return new BondDistributor() {
                @Override
                public int select(FrameFacts frame) {
                    int count = members.activeCount();
                    return count == 0 ? NO_MEMBER : members.active(count - 1);
                }

                @Override
                public void rebuild() {
                }
            };
        }
    }

    private WorldThread world;
    private SimulatedNetwork net;
    private final PolicyCatalog policies = PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY));
    private final LastMember plugin = new LastMember();
    private BondTable table;
    private final List<String> events = new ArrayList<>();
    private final FramePool pool = new FramePool(1024, 2048);

    @BeforeEach
    void setUp() {
        world = new WorldThread(ClockMode.VIRTUAL, 30_000 * MILLIS, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        });
        net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 7,
                SimSettings.defaults().withPoolBuffers(1024)));
        BondEvents recorder = new BondEvents() {
            @Override
            public void bondChanged(String what, String bond, String policy) {
                events.add(what + " " + bond + " " + policy);
            }

            @Override
            public void memberChanged(String what, String bond, String nic) {
            }

            @Override
            public void failover(String bond, org.nicmanager.nicmanager.bond.FailoverEvent event) {
            }

            @Override
            public void policyFallback(String bond, String policy, String wanted, String details) {
                events.add("POLICY_FALLBACK " + bond + " " + policy + " waits for " + wanted);
            }

            @Override
            public void policyRestored(String bond, String policy, String details) {
                events.add("POLICY_RESTORED " + bond + " " + policy);
            }
        };
        policies.add(plugin);
        table = new BondTable(world, VmKnowledge.of(VmFacts.EMPTY_REGISTRY), Gates.DIRECT, recorder, policies);
        world.run(() -> {
            net.addSwitch("sw", 8);
            net.addHost("h", "sw", HOST_MAC, 0x0A000001, 0);
            for (String name : List.of("nic0", "nic1")) {
                table.nicArrived(net.createCard(name, E1000, "sw"));
            }
        });
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void aNameNoServiceOffersIsRefusedListingTheNamesOffered() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.create("bond0", "fastest", BondSettings.defaults())));
        assertTrue(refused.getMessage().startsWith("unknown policy 'fastest'; allowed: round-robin, least-loaded,"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("load-based, last-member; aliases: balance-rr (round-robin)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("the-last (last-member)"), refused.getMessage());
        assertEquals(new PolicyCatalog.Named("last-member", "the-last"), policies.resolve("the-last"));
        assertTrue(world.call(() -> table.reports()).isEmpty(), "nothing changed");
    }

    @Test
    void aVariantThatCannotGiveWhatAPolicyNeedsRefusesItByName() {
        PolicyCatalog loadable = PolicyCatalog.builtIn(VmKnowledge.NONE);
        loadable.add(new LastMember() {
            @Override
            public Set<PolicyNeed> needs() {
                return Set.of(PolicyNeed.VM_INFORMATION);
            }
        });
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> loadable.require("last-member"));
        assertTrue(refused.getMessage().startsWith("policy last-member needs to know which VM sent each frame"),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("the loadable NIC manager allows: round-robin, least-loaded,"
                + " hash-l2-src, hash-l2-dst, hash-l2, hash-l3-src, hash-l3-dst, hash-l3, hash-l34,"
                + " hash-l34-rebalanced, ip-hash-else-rr, tcp-session, failover-order"), refused.getMessage());
    }

    @Test
    void aBondWhosePolicyLeavesFallsBackToTheDefaultAndReturnsWithItsEveryFrameAccountedFor() {
        world.call(() -> table.create("bond0", "last-member", BondSettings.defaults()));
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), vm -> false));
        VnicUplink uplink = world.call(() -> table.connect("bond0", "vm1", 5, VM_MAC, 1, frame -> frame.release()));
        send(uplink, 100);
        world.advance(MILLIS);
        assertEquals(100, card("nic1").counters().txFrames(), "last-member: the last member carries");

        send(uplink, 400); // more than nic1's ring holds: the rest wait in the bond's backlog when the policy leaves
        assertTrue(world.call(() -> table.report("bond0")).stats().queuedFrames() > 0, "frames wait in the backlog");
        events.clear();
        policies.remove(plugin);
        List<String> moved = world.call(() -> table.policyLeft(plugin));

        assertEquals(List.of("policy last-member is no longer offered (its bundle left); bond bond0 runs the default"
                + " policy per-vm until it returns"), moved);
        assertEquals(List.of("POLICY_FALLBACK bond0 per-vm waits for last-member"), events);
        BondReport fallen = world.call(() -> table.report("bond0"));
        assertEquals(Policies.PER_VM, fallen.stats().policy());
        assertEquals("last-member", fallen.awaitedPolicy());
        assertEquals("last-member", BondConfig.of(fallen).policy(), "the configuration keeps the policy given");
        send(uplink, 100);

        policies.add(plugin);
        world.call(() -> table.policyArrived(plugin));
        assertEquals(List.of("POLICY_FALLBACK bond0 per-vm waits for last-member", "POLICY_RESTORED bond0 last-member"),
                events);
        send(uplink, 100);
        world.advance(10 * MILLIS);

        BondReport back = world.call(() -> table.report("bond0"));
        assertEquals("last-member", back.stats().policy());
        assertNull(back.awaitedPolicy());
        BondStats stats = back.stats();
        assertEquals(700, stats.offeredFrames());
        assertEquals(700, stats.sentFrames(), "every frame offered around the swaps went out: " + stats.drops());
        assertEquals(0, stats.droppedFrames() + stats.queuedFrames());
        assertEquals(700, card("nic0").counters().txFrames() + card("nic1").counters().txFrames());
    }

    @Test
    void anotherServiceOfTheSameNameTakesOverWithoutAFallback() {
        LastMember copy = new LastMember(); // the other NIC manager variant's copy of a built-in, say
        policies.add(copy);
        world.call(() -> table.create("bond0", "last-member", BondSettings.defaults()));
        events.clear();

        policies.remove(plugin);
        world.call(() -> table.policyLeft(plugin));

        assertEquals(List.of(), events, "no fallback: the name is still offered");
        assertSame(copy, world.call(() -> table.bond("bond0").policyService()), "the copy serves the bond now");
        assertNull(world.call(() -> table.report("bond0")).awaitedPolicy());
    }

    @Test
    void aPolicyThatFailsToMakeADistributorIsRefusedAndChangesNothing() {
        world.call(() -> table.create("bond0", Policies.HASH_L34, BondSettings.defaults()));
        policies.add(new LastMember() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public BondDistributor create(PolicyContext bond) {
                throw new IllegalStateException("a bug in the plugin");
            }
        });
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.policy("bond0", "broken")));
        assertEquals("policy broken failed to make a distributor for bond bond0: java.lang.IllegalStateException: a"
                + " bug in the plugin", refused.getMessage());
        assertEquals(Policies.HASH_L34, world.call(() -> table.report("bond0")).stats().policy());
    }

    @Test
    void aPolicyChosenWhileWaitingEndsTheWait() {
        world.call(() -> table.create("bond0", "last-member", BondSettings.defaults()));
        policies.remove(plugin);
        world.call(() -> table.policyLeft(plugin));
        world.call(() -> table.policy("bond0", Policies.HASH_L34));
        assertNull(world.call(() -> table.report("bond0")).awaitedPolicy());

        policies.add(plugin);
        assertEquals(List.of(), world.call(() -> table.policyArrived(plugin)));
        assertEquals(Policies.HASH_L34, world.call(() -> table.report("bond0")).stats().policy());
    }

    private org.nicmanager.sim.api.SimulatedCard card(String name) {
        return world.call(() -> net.card(name).orElseThrow());
    }

    /** Hands frames to the uplink at once, without letting time pass. */
    private void send(VnicUplink uplink, int frames) {
        world.run(() -> {
            for (int i = 0; i < frames; i++) {
                FrameBuffer frame = pool.acquire();
                frame.setLength(FrameWriter.udpFrame(frame.data(), 200, HOST_MAC, VM_MAC, 0x0A000064, 0x0A000001,
                        5000, 9, 0, i));
                frame.setSourcePort(1);
                uplink.send(frame);
            }
        });
    }
}
