package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.model.HostStats;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;

/**
 * The assignment rules of [0059]-[0061], unbonded NICs as uplinks, the host endpoint, policy and order changes, and
 * bonds that outlive their NICs' drivers, on three simulated e1000 cards behind one switch in virtual time.
 */
class BondTableTest {

    private static final long MILLIS = 1_000_000L;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    private static final long VM_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    private static final long HOST_MAC = MacAddress.parse("02:00:00:00:01:01").bits();
    private static final Predicate<String> NONE_RUNNING = vm -> false;
    private static final Predicate<String> ALL_RUNNING = vm -> true;

    private WorldThread world;
    private SimulatedNetwork net;
    private BondTable table;
    private final List<String> events = new ArrayList<>();
    private final FramePool pool = new FramePool(64, 2048);

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
                events.add(what + " " + bond);
            }

            @Override
            public void memberChanged(String what, String bond, String nic) {
                events.add(what + " " + bond + " " + nic);
            }

            @Override
            public void failover(String bond, org.nicmanager.nicmanager.bond.FailoverEvent event) {
                events.add(event.reason() + " " + bond + " " + event.member());
            }

            @Override
            public void mtuMismatch(String bond, String nic, int nicMtuBytes, int bondMtuBytes, String details) {
                events.add("MTU_MISMATCH " + bond + " " + nic + " " + nicMtuBytes + " " + bondMtuBytes);
            }
        };
        table = new BondTable(world, VmKnowledge.of(VmFacts.EMPTY_REGISTRY), Gates.DIRECT, recorder);
        world.run(() -> {
            net.addSwitch("sw", 8);
            net.addHost("h", "sw", HOST_MAC, 0x0A000001, 0);
            for (String name : List.of("nic0", "nic1", "nic2")) {
                table.nicArrived(net.createCard(name, E1000, "sw"));
            }
            table.create("bond0", Policies.FAILOVER_ORDER, BondSettings.defaults());
        });
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private SimulatedCard card(String name) {
        return world.call(() -> net.card(name).orElseThrow());
    }

    private VnicUplink connect(String uplink) {
        return world.call(() -> table.connect(uplink, "vm1", 5, VM_MAC, 1, frame -> frame.release()));
    }

    /** Sends one frame from the VM to host h and lets it cross the switch. */
    private void sendToHost(VnicUplink uplink) {
        world.run(() -> {
            FrameBuffer frame = pool.acquire();
            frame.setLength(FrameWriter.udpFrame(frame.data(), 200, HOST_MAC, VM_MAC, 0x0A000064, 0x0A000001, 5000,
                    9, 0, 0));
            frame.setSourcePort(1);
            uplink.send(frame);
        });
        world.advance(MILLIS);
    }

    @Test
    void addingAMemberWithASmallerMtuIsAnnouncedAndAnsweredWithTheBondsMtu() {
        world.run(() -> table.nicArrived(net.createCard("small", new NicModel("e100", "e100sim", 100_000_000L, 1500,
                64, 64), "sw")));
        BondReport same = world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        assertEquals(null, same.stats().mtuWarning(), "equal MTUs: nothing to say");
        assertEquals(9000, same.stats().mtuBytes());
        events.clear();

        BondReport mixed = world.call(() -> table.add("bond0", List.of("small"), NONE_RUNNING));
        assertEquals(1500, mixed.stats().mtuBytes(), "the bond's MTU is its smallest member's");
        assertTrue(mixed.stats().mtuWarning().contains("nic0 9000, nic1 9000, small 1500"),
                mixed.stats().mtuWarning());
        assertTrue(mixed.stats().mtuWarning().contains("larger frames go only through nic0, nic1"),
                mixed.stats().mtuWarning());
        assertEquals(List.of("MEMBER_ADDED bond0 small", "MTU_MISMATCH bond0 small 1500 1500"), events);
    }

    @Test
    void aVirtualNicCanUseAnUnbondedNicWhichThenCannotJoinABondWhileItsVmRuns() {
        VnicUplink uplink = connect("nic2");
        sendToHost(uplink);
        assertEquals(1, card("nic2").counters().txFrames(), "the frame left through the unbonded NIC");

        IllegalArgumentException running = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.add("bond0", List.of("nic2"), ALL_RUNNING)));
        assertTrue(running.getMessage().contains("a NIC cannot join a bond while it is assigned unbonded to a running"
                + " VM"), running.getMessage());
        IllegalArgumentException stopped = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.add("bond0", List.of("nic2"), NONE_RUNNING)));
        assertTrue(stopped.getMessage().contains("vnic:assign"), stopped.getMessage());
        assertEquals(null, table.bondOf("nic2"), "a refusal changes nothing");

        world.run(() -> table.ports().disconnect(1));
        world.call(() -> table.add("bond0", List.of("nic2"), ALL_RUNNING));
        assertEquals("bond0", table.bondOf("nic2"), "once no virtual NIC uses it directly, it may join");
    }

    @Test
    void aBondedNicAloneIsNeverAnUplinkAndABondARunningVmUsesKeepsItsNics() {
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> connect("nic0"));
        assertTrue(alone.getMessage().contains("never to a bonded NIC alone"), alone.getMessage());

        connect("bond0");
        IllegalArgumentException leave = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.remove("bond0", List.of("nic1"), ALL_RUNNING)));
        assertTrue(leave.getMessage().contains("a NIC cannot leave a bond that a running VM uses"),
                leave.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> table.add("bond0", List.of("nic0"), NONE_RUNNING)));
        assertTrue(twice.getMessage().contains("a NIC is in at most one bond"), twice.getMessage());
        world.call(() -> table.remove("bond0", List.of("nic1"), NONE_RUNNING));
        assertEquals(List.of("nic0"), table.membersOf("bond0"));
    }

    @Test
    void framesForTheBondsOwnNicsGoToTheHostEndpointAndUnknownOnesAreCounted() {
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        connect("bond0");
        String nic0Mac = MacAddress.format(card("nic0").macAddress());
        world.run(() -> net.startTraffic("h", new TrafficSpec(nic0Mac, Rate.parse("10Mbps"), 100, 1,
                TrafficPattern.CBR, 1, 10 * MILLIS)));
        world.advance(20 * MILLIS);
        HostStats sent = world.call(() -> net.hostStats("h"));
        InboundCounts inbound = world.call(() -> table.report("bond0").inbound());
        assertTrue(sent.txFrames() > 100, "the host sent " + sent.txFrames());
        assertEquals(sent.txFrames(), inbound.hostFrames(), "every frame for nic0's MAC reached the host endpoint");
        assertEquals(0, inbound.routedFrames());
        assertEquals(0, inbound.unknownDestination());
    }

    @Test
    void thePolicyAndTheFailoverOrderChangeAtRuntimeAndARefusedPolicyChangesNothing() {
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        VnicUplink uplink = connect("bond0");
        sendToHost(uplink);
        assertEquals(1, card("nic0").counters().txFrames(), "failover order: the first member carries");

        world.call(() -> table.order("bond0", List.of("nic1")));
        sendToHost(uplink);
        assertEquals(1, card("nic1").counters().txFrames(), "nic1 is first now");
        assertEquals("nic1", world.call(() -> table.report("bond0")).stats().info().members().get(0).name());

        world.call(() -> table.policy("bond0", Policies.ROUND_ROBIN));
        sendToHost(uplink);
        sendToHost(uplink);
        assertEquals(4, card("nic0").counters().txFrames() + card("nic1").counters().txFrames());
        assertEquals(2, card("nic0").counters().txFrames(), "round-robin alternates");

        BondTable loadable = new BondTable(world, VmKnowledge.NONE);
        world.call(() -> loadable.create("b", Policies.ROUND_ROBIN, BondSettings.defaults()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> world.call(() -> loadable.policy("b", Policies.PER_VM)));
        assertTrue(refused.getMessage().contains("only the kernel-integrated NIC manager knows"));
        assertEquals(Policies.ROUND_ROBIN, world.call(() -> loadable.bond("b").policy()));
    }

    @Test
    void aBondKeepsWantingANicWhoseDriverLeftAndTakesItBackWhenItReturns() {
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        SimulatedCard nic1 = card("nic1");
        world.run(() -> {
            table.nicLeft(nic1);
            net.destroyCard("nic1");
        });
        BondStats gone = world.call(() -> table.report("bond0")).stats();
        assertEquals(1, gone.info().members().size());
        assertEquals("bond0", table.bondOf("nic1"), "the bond still claims the name");

        world.run(() -> table.nicArrived(net.createCard("nic1", E1000, "sw")));
        world.advance(MILLIS);
        BondStats back = world.call(() -> table.report("bond0")).stats();
        assertEquals(2, back.info().members().size());
        assertEquals(List.of(MemberRole.ACTIVE, MemberRole.STANDBY),
                back.info().members().stream().map(member -> member.role()).toList(), "failover-order: in service");
        assertTrue(events.contains("MEMBER_ADDED bond0 nic1"), events.toString());
        assertTrue(events.contains("REMOVED bond0 nic1"), events.toString());
    }

    @Test
    void aStoredBondIsRestoredAndItsAbsentNicsJoinWhenTheyArrive() {
        world.run(() -> table.restore(new BondConfig("bond1", Policies.HASH_L34, FailbackMode.DELAYED, 500,
                List.of("nic2", "nic9"))));
        BondReport report = world.call(() -> table.report("bond1"));
        assertEquals(Policies.HASH_L34, report.stats().policy());
        assertEquals(FailbackMode.DELAYED, report.settings().failback());
        assertEquals(500 * MILLIS, report.settings().failbackHoldDownNanos());
        assertEquals(List.of("nic2"), report.stats().info().members().stream().map(m -> m.name()).toList());

        world.run(() -> table.nicArrived(net.createCard("nic9", E1000, "sw")));
        assertEquals(Set.of("nic2", "nic9"), Set.copyOf(world.call(() -> table.report("bond1")).stats().info()
                .members().stream().map(m -> m.name()).toList()));
    }

    @Test
    void framesBetweenVirtualNicsOfOneUplinkAreSwitchedLocallyAndGroupFramesAlsoGoOut() {
        world.call(() -> table.add("bond0", List.of("nic0", "nic1"), NONE_RUNNING));
        VnicUplink uplink = connect("bond0");
        long otherMac = MacAddress.parse("02:00:00:00:00:02").bits();
        List<FrameBuffer> received = new ArrayList<>();
        world.run(() -> table.connect("bond0", "vm2", 5, otherMac, 2, received::add));
        for (long destination : new long[] {otherMac, MacAddress.BROADCAST}) {
            world.run(() -> {
                FrameBuffer frame = pool.acquire();
                frame.setLength(FrameWriter.udpFrame(frame.data(), 200, destination, VM_MAC, 1, 2, 5000, 9, 0, 0));
                frame.setSourcePort(1);
                uplink.send(frame);
            });
        }
        world.advance(MILLIS);
        assertEquals(2, received.size(), "vm2 got the unicast frame and a copy of the broadcast");
        assertEquals(2, world.call(() -> table.report("bond0")).inbound().localFrames());
        assertEquals(1, card("nic0").counters().txFrames() + card("nic1").counters().txFrames(),
                "only the broadcast went out");
        world.run(() -> received.forEach(FrameBuffer::release));
    }

    @Test
    void closingDropsWhatWaitsWithAReasonAndLetsGoOfTheNics() {
        world.call(() -> table.add("bond0", List.of("nic0"), NONE_RUNNING));
        VnicUplink uplink = connect("bond0");
        world.run(() -> net.unplug("nic0"));
        world.advance(MILLIS);
        world.run(() -> {
            for (int i = 0; i < 3; i++) {
                FrameBuffer frame = pool.acquire();
                frame.setLength(FrameWriter.udpFrame(frame.data(), 200, HOST_MAC, VM_MAC, 1, 2, 5000, 9, 0, i));
                frame.setSourcePort(1);
                uplink.send(frame);
            }
        });
        world.run(table::closeAll);
        BondStats stats = world.call(() -> table.bond("bond0").stats());
        assertTrue(stats.accountedFor());
        assertEquals(3, stats.offeredFrames());
        assertEquals(3, stats.dropped(org.nicmanager.kernel.api.frame.DropReason.NO_MEMBER_AVAILABLE));
        assertEquals(64, pool.available(), "every buffer came back");
    }

    /** A virtual NIC's side for the security tests: counts what it receives and what its port dropped, by reason. */
    private static final class GuestSide implements VnicDelivery {
        long received;
        final long[] transmitDropped = new long[DropReason.values().length];
        final long[] receiveDropped = new long[DropReason.values().length];

        @Override
        public void deliver(FrameBuffer frame) {
            received++;
            frame.release();
        }

        @Override
        public void transmitDropped(DropReason reason) {
            transmitDropped[reason.ordinal()]++;
        }

        @Override
        public void receiveDropped(DropReason reason) {
            receiveDropped[reason.ordinal()]++;
        }
    }

    private static final long OTHER_MAC = MacAddress.parse("02:00:00:00:00:02").bits();
    private static final long CHOSEN_MAC = MacAddress.parse("02:00:00:00:00:99").bits();

    private void sendFrom(VnicUplink uplink, long sourceMac) {
        world.run(() -> {
            FrameBuffer frame = pool.acquire();
            frame.setLength(FrameWriter.udpFrame(frame.data(), 200, HOST_MAC, sourceMac, 0x0A000064, 0x0A000001, 5000,
                    9, 0, 0));
            frame.setSourcePort(1);
            uplink.send(frame);
        });
        world.advance(MILLIS);
    }

    /** Host h sends 10 frames to that MAC over the bond; returns how many it sent. */
    private long hostSendsTo(long mac) {
        long before = world.call(() -> net.hostStats("h")).txFrames();
        world.run(() -> net.startTraffic("h", new TrafficSpec(MacAddress.format(mac), Rate.parse("10Mbps"), 100, 1,
                TrafficPattern.CBR, 1, 10 * MILLIS, 10)));
        world.advance(20 * MILLIS);
        return world.call(() -> net.hostStats("h")).txFrames() - before;
    }

    @Test
    void aForgedSourceMacIsDroppedAndCountedUntilThePortAcceptsForgedTransmits() {
        world.call(() -> table.add("bond0", List.of("nic0"), NONE_RUNNING));
        GuestSide guest = new GuestSide();
        VnicUplink uplink = world.call(() -> table.connect("bond0", "vm1", 5, VM_MAC, 1, guest));

        sendFrom(uplink, OTHER_MAC);
        assertEquals(1, guest.transmitDropped[DropReason.FORGED_SOURCE_MAC.ordinal()]);
        assertEquals(0, card("nic0").counters().txFrames(), "the forged frame never reached a NIC");
        sendFrom(uplink, VM_MAC);
        assertEquals(1, card("nic0").counters().txFrames(), "its own MAC goes out");

        world.run(() -> table.ports().secure(1, new VnicSecurity(true, false, false)));
        sendFrom(uplink, OTHER_MAC);
        assertEquals(2, card("nic0").counters().txFrames(), "accepted, a forged source goes out too");
        assertEquals(1, guest.transmitDropped[DropReason.FORGED_SOURCE_MAC.ordinal()]);
        assertEquals(64, pool.available(), "every buffer came back");
    }

    @Test
    void aGuestThatChangedItsMacReceivesNothingUnlessThePortAcceptsMacChanges() {
        world.call(() -> table.add("bond0", List.of("nic0"), NONE_RUNNING));
        GuestSide guest = new GuestSide();
        VnicUplink uplink = world.call(() -> table.connect("bond0", "vm1", 5, VM_MAC, 1, guest));
        long sent = hostSendsTo(VM_MAC);
        assertEquals(sent, guest.received);

        world.run(() -> table.ports().guestMacChanged(1, CHOSEN_MAC));
        long refused = hostSendsTo(VM_MAC);
        hostSendsTo(CHOSEN_MAC);
        assertEquals(sent, guest.received, "rejected: nothing reaches the guest at either MAC");
        assertEquals(refused, guest.receiveDropped[DropReason.MAC_CHANGE_REFUSED.ordinal()]);
        assertEquals(refused, world.call(() -> table.report("bond0")).inbound().macChangeRefused());
        sendFrom(uplink, CHOSEN_MAC);
        assertEquals(1, card("nic0").counters().txFrames(), "what it sends is judged against the MAC it chose");
        sendFrom(uplink, VM_MAC);
        assertEquals(1, guest.transmitDropped[DropReason.FORGED_SOURCE_MAC.ordinal()], "so its assigned MAC is forged");

        world.run(() -> table.ports().secure(1, new VnicSecurity(false, true, false)));
        long accepted = hostSendsTo(CHOSEN_MAC);
        assertEquals(sent + accepted, guest.received, "accepted: the guest receives at the MAC it chose");
        long unknownBefore = world.call(() -> table.report("bond0")).inbound().unknownDestination();
        long toOld = hostSendsTo(VM_MAC);
        assertEquals(unknownBefore + toOld, world.call(() -> table.report("bond0")).inbound().unknownDestination());
        assertThrows(IllegalArgumentException.class, () -> world.run(() -> table.ports().secure(7, VnicSecurity.REJECT_ALL)));
    }

    @Test
    void onlyAPortThatAcceptsPromiscuousModeSeesOtherGuestsFrames() {
        world.call(() -> table.add("bond0", List.of("nic0"), NONE_RUNNING));
        GuestSide target = new GuestSide();
        GuestSide listener = new GuestSide();
        world.run(() -> table.connect("bond0", "vm1", 5, VM_MAC, 1, target));
        world.run(() -> table.connect("bond0", "vm2", 5, OTHER_MAC, 2, listener));

        long unseen = hostSendsTo(VM_MAC);
        assertEquals(unseen, target.received);
        assertEquals(0, listener.received, "rejected: only its own unicast");

        world.run(() -> table.ports().secure(2, new VnicSecurity(false, false, true)));
        long seen = hostSendsTo(VM_MAC);
        assertEquals(unseen + seen, target.received);
        assertEquals(seen, listener.received, "accepted: a copy of each frame on its uplink");
        assertEquals(seen, world.call(() -> table.report("bond0")).inbound().promiscuousCopies());
    }
}
