package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.E1000;
import static org.nicmanager.nicmanager.bond.BondWorld.HOST_IP;
import static org.nicmanager.nicmanager.bond.BondWorld.HOST_MAC;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.testsupport.VirtualWorldHarness;

/**
 * The ARP monitor finds a silent failure that carrier misses: the primary's switch loses its uplink to the switch the
 * target is on. The primary keeps carrier, hears no answer, and fails over; the uplink's return brings it back.
 *
 * <pre>
 *   host h (target) ── swA ── trunk ── swB
 *                      │                │
 *                    nic0 (standby)   nic1 (primary)
 * </pre>
 */
class ArpMonitorTest {

    private static final long INTERVAL = 100 * MILLIS;
    private static final ArpMonitorSettings MONITOR = new ArpMonitorSettings(List.of(HOST_IP), INTERVAL, 2);

    /** The world of the picture, on a virtual-time world thread; fails on close if a timer threw. */
    private static final class TwoSwitches extends VirtualWorldHarness<WorldThread> {
        final SimulatedNetwork net;
        final Bond bond;

        TwoSwitches(BondSettings settings) {
            super(timerFailures -> new WorldThread(ClockMode.VIRTUAL, 30 * SECOND, timerFailures));
            net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 42,
                    SimSettings.defaults().withPoolBuffers(1024)));
            bond = world.call(() -> {
                net.addSwitch("swA", 8);
                net.addSwitch("swB", 8);
                net.linkSwitches("swA", "swB", 0);
                net.addHost("h", "swA", HOST_MAC, HOST_IP, 0);
                SimulatedCard nic0 = net.createCard("nic0", E1000, "swA");
                SimulatedCard nic1 = net.createCard("nic1", E1000, "swB");
                Bond made = new Bond("bond0", Policies.FAILOVER_ORDER, VmKnowledge.NONE, world, settings);
                made.addMember(nic1);
                made.addMember(nic0);
                return made;
            });
        }

        BondStats stats() {
            return world.call(bond::stats);
        }
    }

    @Test
    void aPrimaryWhoseSwitchLostItsUplinkFailsOverAndComesBackWithIt() {
        try (TwoSwitches setup = new TwoSwitches(BondSettings.defaults().withArpMonitor(MONITOR))) {
            setup.world.advance(SECOND + MILLIS); // ten rounds, the last one's answers home too
            BondStats healthy = setup.stats();
            assertEquals(MemberState.UP, healthy.member(0).state());
            assertTrue(healthy.member(0).carrying(), "nic1 is the primary");
            assertEquals(10, healthy.member(0).arpProbesSent(), "one probe a round for its one target");
            assertEquals(10, healthy.member(0).arpAnswers(), "h answers through the trunk");
            assertEquals(10, healthy.member(1).arpAnswers());

            long cutAt = setup.world.nanoTime();
            setup.world.run(() -> setup.net.unplug("swA:swB"));
            setup.world.advance(2 * INTERVAL);
            assertEquals(MemberState.UP, setup.stats().member(0).state(), "two intervals of patience");
            setup.world.advance(INTERVAL);

            BondStats cut = setup.stats();
            assertEquals(MemberState.UNREACHABLE, cut.member(0).state());
            assertFalse(cut.member(0).carrying());
            assertTrue(cut.member(1).carrying(), "the standby on the target's switch took over");
            assertEquals(1, cut.failovers());
            FailoverEvent failover = setup.world.call(setup.bond::history).get(0);
            assertEquals(FailoverReason.ARP_UNANSWERED, failover.reason());
            assertEquals("nic1", failover.member());
            assertTrue(failover.atNanos() - cutAt <= 3 * INTERVAL, "found within missed-max + 1 intervals");
            assertEquals(healthy.member(0).arpAnswers(), cut.member(0).arpAnswers(), "no answer crosses a cut trunk");
            assertEquals(healthy.member(0).arpProbesSent() + 3, cut.member(0).arpProbesSent(), "it kept asking");

            setup.world.run(() -> setup.net.plug("swA:swB"));
            setup.world.advance(2 * INTERVAL);
            BondStats back = setup.stats();
            assertEquals(MemberState.UP, back.member(0).state());
            assertTrue(back.member(0).carrying(), "failed back: first in the failover order again");
            assertEquals(1, back.failbacks());
            assertEquals(FailoverReason.FAILBACK, setup.world.call(setup.bond::history).get(1).reason());
        }
    }

    @Test
    void withoutTargetsNothingIsProbedAndABrokenPathGoesUnnoticed() {
        try (TwoSwitches setup = new TwoSwitches(BondSettings.defaults())) {
            setup.world.run(() -> setup.net.unplug("swA:swB"));
            setup.world.advance(SECOND);
            BondStats stats = setup.stats();
            assertEquals(0, stats.member(0).arpProbesSent());
            assertEquals(MemberState.UP, stats.member(0).state(), "carrier alone sees nothing wrong");
            assertEquals(0, stats.failovers());
        }
    }

    @Test
    void probingAndHearingAnswersAllocateNothing() {
        try (TwoSwitches setup = new TwoSwitches(BondSettings.defaults().withArpMonitor(
                new ArpMonitorSettings(List.of(HOST_IP), MILLIS, 2)))) {
            setup.world.advance(100 * MILLIS); // warm up
            long answersBefore = setup.stats().member(0).arpAnswers();
            long before = setup.world.call(ArpMonitorTest::allocatedByThisThread);
            setup.world.advance(1_000 * MILLIS);
            long allocated = setup.world.call(ArpMonitorTest::allocatedByThisThread) - before;
            long answers = setup.stats().member(0).arpAnswers() - answersBefore;
            assertEquals(1_000, answers, "a round every millisecond, each answered");
            assertTrue(allocated < 4_096, allocated + " bytes allocated for 1,000 rounds on two members");
        }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
