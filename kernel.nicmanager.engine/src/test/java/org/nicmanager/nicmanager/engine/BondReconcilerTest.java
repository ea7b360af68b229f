package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;

/**
 * A bond follows its configuration with the operations the bond: commands use: created, changed (policy, members and
 * their order), re-created for what a running bond cannot change, deleted; a refused configuration changes nothing,
 * and the bond's own configuration (a command's write) is a no-op. On simulated e1000 cards in virtual time.
 */
class BondReconcilerTest {

    private static final long MILLIS = 1_000_000L;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);

    private WorldThread world;
    private BondTable table;
    private BondReconciler reconciler;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        world = new WorldThread(ClockMode.VIRTUAL, 30_000 * MILLIS, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        });
        table = new BondTable(world, VmKnowledge.of(VmFacts.EMPTY_REGISTRY), Gates.DIRECT, recorder());
        reconciler = new BondReconciler(table, vm -> false);
        world.run(() -> {
            SimulatedNetwork net = new SimulatedNetwork(world, (topic, subject, fault) -> { }, 7,
                    SimSettings.defaults().withPoolBuffers(1024));
            net.addSwitch("sw", 8);
            for (String name : List.of("nic0", "nic1", "nic2", "nic3")) {
                table.nicArrived(net.createCard(name, E1000, "sw"));
            }
            table.create("bond0", Policies.ROUND_ROBIN, BondSettings.defaults());
            table.add("bond0", List.of("nic0", "nic1"), vm -> false);
        });
        events.clear();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private BondEvents recorder() {
        return new BondEvents() {
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
        };
    }

    private static BondConfig config(String name, String policy, FailbackMode failback, String... nics) {
        return new BondConfig(name, policy, failback, 2000, List.of(nics), LacpSettings.off());
    }

    private String follow(BondConfig desired) {
        return world.call(() -> reconciler.follow(desired)).change();
    }

    private BondReport report(String bond) {
        return world.call(() -> table.report(bond));
    }

    /** Present members in failover order. */
    private List<String> members(String bond) {
        return report(bond).stats().info().members().stream().map(member -> member.name()).toList();
    }

    @Test
    void theBondsOwnConfigurationChangesNothing() {
        BondConfig own = BondConfig.of(report("bond0"));
        assertEquals("", follow(own));
        assertEquals(List.of(), events, "a command's own write is not applied again");
        assertEquals(List.of("nic0", "nic1"), members("bond0"));
    }

    @Test
    void aNewConfigurationCreatesItsBondAndAnAbsentNicJoinsWhenItArrives() {
        String done = follow(config("bond1", Policies.HASH_L34, FailbackMode.MANUAL, "nic3", "nic2", "nic9"));
        assertEquals("bond bond1 created from its configuration: policy hash-l34, NICs [nic3, nic2, nic9]", done);
        BondReport created = report("bond1");
        assertEquals(Policies.HASH_L34, created.stats().policy());
        assertEquals(FailbackMode.MANUAL, created.settings().failback());
        assertEquals(List.of("nic3", "nic2"), members("bond1"));
        assertEquals(List.of("nic3", "nic2", "nic9"), created.nics(), "nic9 joins when its driver registers it");
        assertEquals("", follow(config("bond1", Policies.HASH_L34, FailbackMode.MANUAL, "nic3", "nic2",
                "nic9")), "following it again changes nothing");
    }

    @Test
    void anUpdateChangesPolicyMembersAndOrderLive() {
        String done = follow(config("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE, "nic2", "nic0"));
        assertEquals("bond bond0 follows its configuration: policy round-robin -> failover-order; NICs leaving [nic1];"
                + " NICs joining [nic2]; failover order [nic2, nic0]", done);
        assertEquals(Policies.FAILOVER_ORDER, report("bond0").stats().policy());
        assertEquals(List.of("nic2", "nic0"), members("bond0"));
        assertEquals(List.of("POLICY_CHANGED bond0", "MEMBER_REMOVED bond0 nic1", "MEMBER_ADDED bond0 nic2"),
                events.stream().filter(event -> !event.startsWith("REMOVED")).toList());
        assertFalse(events.contains("DELETED bond0"), "changed live, not re-created");
        assertEquals(null, world.call(() -> table.bondOf("nic1")), "nic1 is unbonded now");

        assertEquals("bond bond0 follows its configuration: failover order [nic0, nic2]",
                follow(config("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE, "nic0", "nic2")));
        assertEquals(List.of("nic0", "nic2"), members("bond0"));
    }

    @Test
    void whatARunningBondCannotChangeReCreatesItAndSaysSo() {
        BondConfig delayed = new BondConfig("bond0", Policies.ROUND_ROBIN, FailbackMode.DELAYED, 5000,
                List.of("nic0", "nic1"), new LacpSettings(LacpMode.STATIC, false, 0, 1));
        BondFollowed done = world.call(() -> reconciler.follow(delayed));
        assertEquals("bond bond0 re-created to follow its configuration (failback IMMEDIATE -> DELAYED,"
                + " failbackHoldDownMs 2000 -> 5000, lacp off -> static): a running bond cannot change these; its"
                + " counters and failover history start afresh", done.change());
        assertTrue(done.recreated(), "logged as a warning: the bond's counters and history start afresh");
        BondReport recreated = report("bond0");
        assertEquals(FailbackMode.DELAYED, recreated.settings().failback());
        assertEquals(5000 * MILLIS, recreated.settings().failbackHoldDownNanos());
        assertEquals(LacpMode.STATIC, recreated.settings().lacp().mode());
        assertEquals(List.of("nic0", "nic1"), members("bond0"));
        assertTrue(events.containsAll(List.of("DELETED bond0", "CREATED bond0")), events.toString());
        assertEquals("", follow(delayed));
    }

    @Test
    void aBondVirtualNicsUseIsNotReCreatedAndKeepsRunningAsItWas() {
        world.call(() -> table.connect("bond0", "vm1", 5, MacAddress.parse("02:00:00:00:00:01").bits(), 1,
                frame -> frame.release()));
        BondReport before = report("bond0");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> follow(
                config("bond0", Policies.FAILOVER_ORDER, FailbackMode.MANUAL, "nic0", "nic1")));
        assertEquals("failback IMMEDIATE -> MANUAL: a running bond cannot change these, only a re-created one, and"
                + " virtual NICs of VMs [vm1] use bond bond0; assign them elsewhere first (vnic:assign)",
                refused.getMessage());
        assertEquals(BondConfig.of(before), BondConfig.of(report("bond0")));
        assertEquals(List.of(), events);
    }

    @Test
    void aRefusedConfigurationChangesNothing() {
        world.run(() -> {
            table.create("other", Policies.ROUND_ROBIN, BondSettings.defaults());
            table.add("other", List.of("nic3"), vm -> false);
        });
        events.clear();
        BondConfig before = BondConfig.of(report("bond0"));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> follow(
                config("bond0", Policies.FAILOVER_ORDER, FailbackMode.IMMEDIATE, "nic3")));
        assertEquals("NIC nic3 is already in bond other; a NIC is in at most one bond", taken.getMessage());
        assertEquals(before, BondConfig.of(report("bond0")), "neither the policy nor the members changed");
        assertEquals(List.of(), events);

        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class, () -> follow(
                config("9lives", Policies.ROUND_ROBIN, FailbackMode.IMMEDIATE, "nic2")));
        assertTrue(badName.getMessage().startsWith("bad bond name '9lives'"), badName.getMessage());
        assertFalse(world.call(() -> table.hasBond("9lives")));
        assertEquals(null, world.call(() -> table.bondOf("nic2")));
    }

    @Test
    void theLoadableVariantRefusesAVmAwarePolicyAndTheBondKeepsItsOwn() {
        BondTable loadable = new BondTable(world, VmKnowledge.NONE);
        BondReconciler follower = new BondReconciler(loadable, vm -> false);
        world.run(() -> loadable.create("b", Policies.ROUND_ROBIN, BondSettings.defaults()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> world.call(
                () -> follower.follow(config("b", Policies.PER_VM, FailbackMode.IMMEDIATE))));
        assertTrue(refused.getMessage().startsWith("policy per-vm needs to know which VM sent each frame"),
                refused.getMessage());
        assertEquals(Policies.ROUND_ROBIN, world.call(() -> loadable.bond("b").policy()));
    }

    @Test
    void aDeletedConfigurationDeletesItsBondUnlessVirtualNicsUseIt() {
        assertEquals("bond bond0 deleted: its configuration was deleted",
                world.call(() -> reconciler.unconfigured("bond0")).change());
        assertFalse(world.call(() -> table.hasBond("bond0")));
        assertEquals(BondFollowed.NOTHING, world.call(() -> reconciler.unconfigured("bond0")),
                "bond:delete's own deletion");

        follow(config("bond1", Policies.ROUND_ROBIN, FailbackMode.IMMEDIATE, "nic0"));
        world.call(() -> table.connect("bond1", "vm1", 5, MacAddress.parse("02:00:00:00:00:01").bits(), 1,
                frame -> frame.release()));
        IllegalArgumentException used = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> reconciler.unconfigured("bond1")));
        assertEquals("bond bond1 still has virtual NICs of VMs [vm1]; assign them elsewhere first (vnic:assign)",
                used.getMessage());
        assertTrue(world.call(() -> table.hasBond("bond1")));
    }
}
