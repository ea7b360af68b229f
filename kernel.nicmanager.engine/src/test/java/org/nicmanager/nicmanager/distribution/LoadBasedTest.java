package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.testsupport.PortOwnersTestDouble;

/**
 * load-based: each VM's port stays on one member; a port moves only after its member has been at or over the
 * threshold in every second of the window, to the lightest member, and only when that lowers the busier of the two;
 * a moving port's frames wait until the old member's ring has been sent.
 *
 * <p>The members run at 1 Mb/s here, so that a second of load is a few hundred frames; each simulated second the
 * frames each port's VM sends are selected, their member's transmit counters count them, and the bond's timer runs.
 */
class LoadBasedTest {

    private static final long SPEED_BPS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final TestMembers members = new TestMembers(2);
    private final List<String> moved = new ArrayList<>();

    {
        members.speedBps[0] = SPEED_BPS;
        members.speedBps[1] = SPEED_BPS;
    }

    /** A load-based bond whose ports 0, 1, ... have each sent a frame, in that order. */
    private LoadBased loadBased(int thresholdPercent, int windowSeconds, int ports) {
        LoadBased distributor = (LoadBased) TestPolicies.create(Policies.LOAD_BASED, members,
                new PortOwnersTestDouble(new int[ports]), new LoadBasedSettings(thresholdPercent, windowSeconds),
                (port, from, to, fromPercent, toPercent, busySeconds) -> moved.add("port " + port + " " + from + "->"
                        + to + " at " + fromPercent + "% / " + toPercent + "% after " + busySeconds + "s"));
        for (int port = 0; port < ports; port++) {
            distributor.select(Facts.of(Facts.udp(port, 99, 1000 + port, 80), port));
        }
        return distributor;
    }

    /**
     * One second: each port sends {@code percent[port]} % of a member's line rate (wire bytes, overhead included);
     * its member's counters count what it carried; then the timer runs.
     */
    private void second(LoadBased distributor, int... percent) {
        for (int port = 0; port < percent.length; port++) {
            FrameHeaders frame = Facts.udp(port, 99, 1000 + port, 80);
            long wireBytes = frame.length() + LoadBased.WIRE_OVERHEAD_BYTES;
            long count = SPEED_BPS / 8 * percent[port] / 100 / wireBytes;
            for (long i = 0; i < count; i++) {
                int member = distributor.select(Facts.of(Facts.udp(port, 99, 1000 + port, 80), port));
                assertTrue(member >= 0, "port " + port + " is not moving: it has a member, not " + member);
                members.txFrames[member]++;
                members.txBytes[member] += frame.length();
            }
        }
        assertEquals(SECOND, distributor.rebalanceIntervalNanos(), "measured once a second");
        distributor.rebalance();
    }

    @Test
    void aPortIsPlacedAtItsFirstFrameOnTheMemberWithTheFewestPorts() {
        LoadBased distributor = (LoadBased) TestPolicies.create(Policies.LOAD_BASED, members,
                new PortOwnersTestDouble(new int[3]), LoadBasedSettings.defaults(), PortMoves.NONE);
        assertEquals(BondDistributor.NO_MEMBER, distributor.memberOf(0), "placed only when it sends through the bond");

        assertEquals(0, distributor.select(Facts.of(Facts.udp(2, 99, 1002, 80), 2)));
        assertEquals(1, distributor.select(Facts.of(Facts.udp(0, 99, 1000, 80), 0)));
        assertEquals(0, distributor.select(Facts.of(Facts.udp(1, 99, 1001, 80), 1)));
        assertEquals(1, distributor.memberOf(0));
        assertEquals(0, distributor.memberOf(2));
    }

    @Test
    void aMemberBusyForTheWholeWindowMovesOnePortAfterThirtySecondsNotBefore() {
        LoadBased distributor = loadBased(75, 30, 3);
        for (int s = 1; s <= 29; s++) {
            second(distributor, 40, 20, 40); // ports 0 and 2 make member 0 80 % busy
            assertEquals(s, distributor.busySeconds(0));
        }
        assertEquals(0, distributor.rebalanceMoves(), "29 s at 80 %: nothing moves");
        assertEquals(0, distributor.memberOf(0));

        second(distributor, 40, 20, 40);
        assertEquals(BondDistributor.HOLD, distributor.memberOf(0), "the 30th second: port 0 moves, held meanwhile");
        assertEquals(BondDistributor.HOLD, distributor.select(Facts.of(Facts.udp(0, 99, 1000, 80), 0)));
        assertEquals(0, distributor.select(Facts.of(Facts.udp(2, 99, 1002, 80), 2)), "the other port stays");
        long hold = distributor.rebalanceIntervalNanos();
        // An empty ring and one jumbo frame on the wire at 1 Mb/s: some 72 ms.
        assertTrue(hold > 70_000_000L && hold < 80_000_000L, hold + " ns");

        distributor.rebalance();
        assertEquals(1, distributor.memberOf(0), "on the lightest member now");
        assertEquals(1, distributor.rebalanceMoves());
        assertEquals(List.of("port 0 0->1 at 80% / 20% after 30s"), moved);
        assertEquals(SECOND - hold, distributor.rebalanceIntervalNanos(), "the next sample a second after the last");
    }

    @Test
    void aMemberAtSeventyPercentNeverMovesAPort() {
        LoadBased distributor = loadBased(75, 30, 3);
        for (int s = 0; s < 300; s++) {
            second(distributor, 35, 10, 35);
        }

        assertEquals(0, distributor.rebalanceMoves());
        assertEquals(0, distributor.busySeconds(0));
        assertEquals(List.of(), moved);
    }

    @Test
    void oneSecondBelowTheThresholdStartsTheWindowAgain() {
        LoadBased distributor = loadBased(75, 30, 3);
        for (int s = 0; s < 29; s++) {
            second(distributor, 40, 20, 40);
        }
        second(distributor, 35, 20, 35);
        for (int s = 0; s < 29; s++) {
            second(distributor, 40, 20, 40);
        }
        assertEquals(0, distributor.rebalanceMoves(), "never 30 s in a row");

        second(distributor, 40, 20, 40);
        distributor.rebalance();
        assertEquals(1, distributor.rebalanceMoves());
    }

    @Test
    void bothThresholdsAreTheBondsOwn() {
        LoadBased distributor = loadBased(50, 5, 3);
        for (int s = 0; s < 4; s++) {
            second(distributor, 30, 10, 30); // 60 % for 4 s
        }
        assertEquals(0, distributor.rebalanceMoves());

        second(distributor, 30, 10, 30);
        distributor.rebalance();
        assertEquals(1, distributor.rebalanceMoves());
    }

    @Test
    void aPortWhoseMoveWouldOnlyShiftTheHotSpotStays() {
        LoadBased distributor = loadBased(75, 30, 2);
        for (int s = 0; s < 120; s++) {
            second(distributor, 90, 0); // one VM fills member 0; member 1 is idle
        }

        assertEquals(0, distributor.rebalanceMoves(), "90 % on member 1 is no better than 90 % on member 0");
        assertEquals(0, distributor.memberOf(0));
    }

    @Test
    void theMovePicksThePortThatLeavesTheBusierMemberLeastLoaded() {
        LoadBased distributor = loadBased(75, 30, 5); // ports 0, 2, 4 on member 0; 1, 3 on member 1
        for (int s = 0; s < 30; s++) {
            second(distributor, 50, 10, 30, 10, 15); // member 0 at 95 %, member 1 at 20 %
        }
        distributor.rebalance();

        // Moving port 0 (50 %) gives 45 % / 70 %; port 2 (30 %) 65 % / 50 %; port 4 (15 %) 80 % / 35 %.
        assertEquals(1, distributor.memberOf(2));
        assertEquals(0, distributor.memberOf(0));
        assertEquals(0, distributor.memberOf(4));
    }

    @Test
    void aFailedMembersPortsGoToTheOthersAndStayWhenItReturns() {
        LoadBased distributor = loadBased(75, 30, 3);
        members.up[0] = false;
        distributor.rebuild();
        assertEquals(1, distributor.select(Facts.of(Facts.udp(0, 99, 1000, 80), 0)));
        assertEquals(1, distributor.select(Facts.of(Facts.udp(2, 99, 1002, 80), 2)));

        members.up[0] = true;
        distributor.rebuild();
        assertEquals(1, distributor.memberOf(0), "no port moves without a reason");
        assertEquals(1, distributor.memberOf(2));
        assertEquals(1, distributor.memberOf(1));
    }

    @Test
    void framesWithoutAVmStayOnOneMemberByTheirSourceMac() {
        LoadBased distributor = loadBased(75, 30, 1);
        for (int mac = 10; mac < 20; mac++) {
            int member = distributor.select(Facts.of(Facts.udp(mac, 99, 1000, 80), -1));
            for (int i = 0; i < 10; i++) {
                assertEquals(member, distributor.select(Facts.of(Facts.udp(mac, 99, 2000 + i, 80), -1)));
            }
        }
    }
}
