package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;

/**
 * Issue 15, "Security": a guest that asks for promiscuous mode while its port rejects it gets no frame of another, and
 * each frame it would have got is counted on its virtual NIC as {@link DropReason#PROMISCUOUS_REFUSED}, in the
 * uplink's inbound counts and in a security-drops event; on a simulated e1000 behind a switch, in virtual time.
 */
class PromiscuousRefusalTest {

    private static final long MILLIS = 1_000_000L;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    private static final long TARGET_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    private static final long LISTENER_MAC = MacAddress.parse("02:00:00:00:00:02").bits();
    private static final long NEIGHBOUR_MAC = MacAddress.parse("02:00:00:00:00:03").bits();
    private static final long HOST_MAC = MacAddress.parse("02:00:00:00:01:01").bits();
    private static final Predicate<String> NONE_RUNNING = vm -> false;
    private static final int LISTENER_PORT = 2;

    private WorldThread world;
    private SimulatedNetwork net;
    private BondTable table;
    private final List<String> events = new ArrayList<>();
    private final FramePool pool = new FramePool(64, 2048);
    private final GuestSide target = new GuestSide();
    private final GuestSide listener = new GuestSide();
    private VnicUplink neighbour;
    private VnicUplink listenerUplink;

    /** A virtual NIC's side: counts what it receives and what its port refused it, by reason. */
    private static final class GuestSide implements VnicDelivery {
        long received;
        final long[] receiveDropped = new long[DropReason.values().length];

        @Override
        public void deliver(FrameBuffer frame) {
            received++;
            frame.release();
        }

        @Override
        public void receiveDropped(DropReason reason) {
            receiveDropped[reason.ordinal()]++;
        }

        long refused() {
            return receiveDropped[DropReason.PROMISCUOUS_REFUSED.ordinal()];
        }
    }

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
            }

            @Override
            public void memberChanged(String what, String bond, String nic) {
            }

            @Override
            public void failover(String bond, FailoverEvent event) {
            }

            @Override
            public void guestPromiscuousChanged(String vm, int port, boolean promiscuous, boolean accepted,
                    String details) {
                events.add("GUEST_PROMISCUOUS_CHANGED " + vm + " " + promiscuous + " " + accepted);
            }

            @Override
            public void securityDrops(String vm, int port, String drops) {
                events.add("SECURITY_DROPS " + vm + " " + drops);
            }
        };
        table = new BondTable(world, VmKnowledge.of(VmFacts.EMPTY_REGISTRY), Gates.DIRECT, recorder);
        world.run(() -> {
            net.addSwitch("sw", 8);
            net.addHost("h", "sw", HOST_MAC, 0x0A000001, 0);
            table.nicArrived(net.createCard("nic0", E1000, "sw"));
            table.create("bond0", Policies.FAILOVER_ORDER, BondSettings.defaults());
            table.add("bond0", List.of("nic0"), NONE_RUNNING);
            table.connect("bond0", "vm1", 5, TARGET_MAC, 1, target);
        });
        listenerUplink = world.call(() -> table.connect("bond0", "vm2", 5, LISTENER_MAC, LISTENER_PORT, listener));
        neighbour = world.call(() -> table.connect("bond0", "vm3", 5, NEIGHBOUR_MAC, 3, frame -> frame.release()));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    /** Host h sends 10 frames to that MAC over the bond; returns how many it sent. */
    private long hostSendsTo(long mac) {
        long before = world.call(() -> net.hostStats("h")).txFrames();
        world.run(() -> net.startTraffic("h", new TrafficSpec(MacAddress.format(mac), Rate.parse("10Mbps"), 100, 1,
                TrafficPattern.CBR, 1, 10 * MILLIS, 10)));
        world.advance(20 * MILLIS);
        return world.call(() -> net.hostStats("h")).txFrames() - before;
    }

    /** The neighbour VM sends one frame to the target VM: switched on the uplink, never reaching the NIC. */
    private void neighbourSendsToTarget() {
        send(neighbour, 3, TARGET_MAC, NEIGHBOUR_MAC);
    }

    private void send(VnicUplink uplink, int port, long destination, long source) {
        world.run(() -> {
            FrameBuffer frame = pool.acquire();
            frame.setLength(FrameWriter.udpFrame(frame.data(), 200, destination, source, 0x0A000003,
                    0x0A000001, 5000, 9, 0, 0));
            frame.setSourcePort(port);
            uplink.send(frame);
        });
        world.advance(MILLIS);
    }

    private InboundCounts inbound() {
        return world.call(() -> table.report("bond0")).inbound();
    }

    private void guestAsksForPromiscuousMode(boolean promiscuous) {
        world.run(() -> table.ports().guestPromiscuousChanged(LISTENER_PORT, promiscuous));
    }

    @Test
    void aGuestThatAsksNothingHasNothingCounted() {
        long sent = hostSendsTo(TARGET_MAC);
        neighbourSendsToTarget();
        assertEquals(sent + 1, target.received);
        assertEquals(0, listener.received);
        assertEquals(0, listener.refused(), "it did not ask: nothing was refused to it");
        assertEquals(0, inbound().promiscuousRefused());
    }

    @Test
    void framesARefusedPromiscuousGuestWouldHaveGotAreCountedOnItsVirtualNic() {
        guestAsksForPromiscuousMode(true);
        long sent = hostSendsTo(TARGET_MAC);
        neighbourSendsToTarget();

        assertEquals(sent + 1, target.received, "the owner gets every frame");
        assertEquals(0, listener.received, "rejected: no copy reaches the listener");
        assertEquals(sent + 1, listener.refused(), "each frame from the uplink and the local path, counted");
        assertEquals(sent + 1, inbound().promiscuousRefused());
        assertEquals(0, inbound().promiscuousCopies());
        assertEquals(0, target.refused(), "the target asked for nothing");

        long unknown = hostSendsTo(MacAddress.parse("02:00:00:00:00:77").bits());
        assertEquals(sent + 1 + unknown, listener.refused(), "a frame for no one would have been copied too");
        assertEquals(List.of("GUEST_PROMISCUOUS_CHANGED vm2 true false"), events);

        world.advance(SecurityDropReport.INTERVAL_NANOS);
        assertTrue(events.contains("SECURITY_DROPS vm2 PROMISCUOUS_REFUSED=" + (sent + 1 + unknown)), events::toString);
    }

    @Test
    void aGuestThatGivesUpPromiscuousModeIsNoLongerCounted() {
        guestAsksForPromiscuousMode(true);
        long refused = hostSendsTo(TARGET_MAC);
        guestAsksForPromiscuousMode(false);
        hostSendsTo(TARGET_MAC);
        neighbourSendsToTarget();
        assertEquals(refused, listener.refused());
        assertEquals(refused, inbound().promiscuousRefused());
        guestAsksForPromiscuousMode(false);
        assertEquals(List.of("GUEST_PROMISCUOUS_CHANGED vm2 true false", "GUEST_PROMISCUOUS_CHANGED vm2 false false"),
                events, "one event per change");
    }

    @Test
    void acceptedThePromiscuousGuestGetsCopiesAndNothingIsRefused() {
        guestAsksForPromiscuousMode(true);
        long refused = hostSendsTo(TARGET_MAC);
        world.run(() -> table.ports().secure(LISTENER_PORT, new VnicSecurity(false, false, true)));
        long copied = hostSendsTo(TARGET_MAC);
        assertEquals(copied, listener.received);
        assertEquals(copied, inbound().promiscuousCopies());
        assertEquals(refused, listener.refused(), "copies are not refusals");

        world.run(() -> table.ports().secure(LISTENER_PORT, VnicSecurity.REJECT_ALL));
        long refusedAgain = hostSendsTo(TARGET_MAC);
        assertEquals(copied, listener.received);
        assertEquals(refused + refusedAgain, listener.refused(), "rejected again: refused again while it asks");
    }

    @Test
    void aGuestsOwnFramesWithAForgedSourceAreNeitherCopiedNorRefusedToItself() {
        long forged = MacAddress.parse("02:00:00:00:00:66").bits();
        world.run(() -> table.ports().secure(LISTENER_PORT, new VnicSecurity(true, false, false)));
        guestAsksForPromiscuousMode(true);
        send(listenerUplink, LISTENER_PORT, TARGET_MAC, forged);
        send(listenerUplink, LISTENER_PORT, HOST_MAC, forged);
        assertEquals(1, target.received);
        assertEquals(0, listener.refused(), "its own frames were never another's to refuse it");

        world.run(() -> table.ports().secure(LISTENER_PORT, new VnicSecurity(true, false, true)));
        send(listenerUplink, LISTENER_PORT, HOST_MAC, forged);
        assertEquals(0, listener.received, "accepted: still no copy of its own frame");
        neighbourSendsToTarget();
        assertEquals(1, listener.received, "but a copy of the neighbour's");
    }

    @Test
    void countingARefusalAllocatesNothing() {
        guestAsksForPromiscuousMode(true);
        long allocated = world.call(() -> {
            for (int warm = 0; warm < 20_000; warm++) {
                neighbourSendsToTargetHere();
            }
            long before = allocatedByThisThread();
            for (int i = 0; i < 10_000; i++) {
                neighbourSendsToTargetHere();
            }
            return allocatedByThisThread() - before;
        });
        assertEquals(30_000, listener.refused());
        assertEquals(30_000, target.received);
        // Less than a byte a frame: nothing per frame (the local path alone shows about 1 KB per 10,000 frames here,
        // with or without a listener, from the JVM's own doings; one object a frame would be 160 KB and more).
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 10,000 frames refused to a listener");
    }

    /** On the world thread: the neighbour sends the target one frame, switched locally. */
    private void neighbourSendsToTargetHere() {
        FrameBuffer frame = pool.acquire();
        frame.setLength(FrameWriter.udpFrame(frame.data(), 200, TARGET_MAC, NEIGHBOUR_MAC, 0x0A000003, 0x0A000001,
                5000, 9, 0, 0));
        frame.setSourcePort(3);
        neighbour.send(frame);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void aRequestForAPortNoVirtualNicHasIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> world.run(() -> table.ports().guestPromiscuousChanged(9, true)));
        assertTrue(refused.getMessage().contains("port 9"), refused.getMessage());
    }
}
