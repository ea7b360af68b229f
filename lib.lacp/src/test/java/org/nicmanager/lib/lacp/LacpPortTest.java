package org.nicmanager.lib.lacp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.testsupport.ManualScheduler;

/**
 * Two single-port systems on one link, driven by a virtual clock: how long each machine takes, and what each
 * combination of activity and timeout does (IEEE 802.1AX-2014 6.4.12-6.4.16).
 */
class LacpPortTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long WIRE_DELAY = 10_000L;

    private final ManualScheduler clock = new ManualScheduler();

    /** One end: a system with one port whose owner selects it at once and sends over a wire with a small delay. */
    private final class End implements LacpPortOwner {
        final LacpPort port;
        End peer;
        boolean silent;
        /** Whether the owner's selection logic places the port when asked. */
        boolean selecting = true;
        final List<Long> sentAt = new ArrayList<>();

        End(String name, long system, boolean active, boolean fast) {
            port = new LacpPort(clock, name, new LacpPortConfig(32768, system, 255, 1, 9, active, fast, true), this);
        }

        @Override
        public boolean transmit(LacpPort from, Lacpdu pdu) {
            sentAt.add(clock.nanoTime());
            if (!silent) {
                clock.newTimer("wire", () -> peer.port.received(pdu)).armAfter(WIRE_DELAY);
            }
            return true;
        }

        @Override
        public void selectionNeeded(LacpPort which) {
            if (selecting) {
                which.setSelected(LacpSelection.SELECTED);
            }
        }

        @Override
        public void muxChanged(LacpPort which) {
        }

        @Override
        public boolean aggregatorReady(LacpPort which) {
            return true; // one port: its own wait is the aggregator's
        }

        @Override
        public void waitEnded(LacpPort which) {
        }
    }

    private End[] link(boolean aActive, boolean aFast, boolean bActive, boolean bFast) {
        End a = new End("a", 0x0200_0000_000AL, aActive, aFast);
        End b = new End("b", 0x0200_0000_000BL, bActive, bFast);
        a.peer = b;
        b.peer = a;
        a.port.setSelected(LacpSelection.SELECTED);
        b.port.setSelected(LacpSelection.SELECTED);
        a.port.setEnabled(true);
        b.port.setEnabled(true);
        return new End[] {a, b};
    }

    @Test
    void twoActiveFastEndsDistributeOnceTheAggregateWaitIsOver() {
        End[] ends = link(true, true, true, true);
        clock.advance(2 * SECOND - MS);
        assertEquals(LacpMuxState.WAITING, ends[0].port.muxState());
        clock.advance(10 * MS);
        assertEquals(LacpMuxState.DISTRIBUTING, ends[0].port.muxState());
        clock.advance(SECOND); // the LACPDU that says so waits for the 3-per-second limit
        for (End end : ends) {
            assertEquals(LacpMuxState.DISTRIBUTING, end.port.muxState(), end.port.name());
            assertEquals(LacpRxState.CURRENT, end.port.rxState());
            assertEquals(0x3F, end.port.actorInfo().state(), "active, short, aggregatable, in sync, both ways");
            assertTrue(end.port.partnerHeard());
        }
        assertEquals(ends[1].port.actorInfo(), ends[0].port.partnerInfo());
    }

    @Test
    void anActiveEndAgainstAPassiveOneNegotiatesAndTwoPassiveEndsStaySilent() {
        End[] mixed = link(true, true, false, true);
        clock.advance(3 * SECOND);
        assertEquals(LacpMuxState.DISTRIBUTING, mixed[0].port.muxState());
        assertEquals(LacpMuxState.DISTRIBUTING, mixed[1].port.muxState());

        End[] passive = link(false, true, false, true);
        clock.advance(100 * SECOND);
        assertTrue(passive[0].sentAt.isEmpty() && passive[1].sentAt.isEmpty(), "neither speaks first");
        assertEquals(LacpRxState.DEFAULTED, passive[0].port.rxState());
        assertFalse(passive[0].port.collecting());
    }

    @Test
    void aSilentPartnerExpiresAfterThreeSecondsFastAndNinetySlow() {
        for (boolean fast : new boolean[] {true, false}) {
            End[] ends = link(true, fast, true, true);
            clock.advance(5 * SECOND);
            assertEquals(LacpMuxState.DISTRIBUTING, ends[0].port.muxState());
            ends[1].silent = true;
            clock.advance(MS); // what is already on the wire still arrives
            long lastHeard = ends[0].port.status().lastReceivedNanos();
            long timeout = fast ? LacpTimes.SHORT_TIMEOUT_NANOS : LacpTimes.LONG_TIMEOUT_NANOS;
            clock.advance(lastHeard + timeout - clock.nanoTime() - 1);
            assertEquals(LacpMuxState.DISTRIBUTING, ends[0].port.muxState(), "fast=" + fast + " just before");
            clock.advance(1);
            assertEquals(LacpRxState.EXPIRED, ends[0].port.rxState(), "fast=" + fast + " at " + clock.nanoTime()
                    + " last heard " + lastHeard + " now " + ends[0].port.status().lastReceivedNanos());
            assertEquals(LacpMuxState.ATTACHED, ends[0].port.muxState(), "out of service at the timeout");
            clock.advance(LacpTimes.SHORT_TIMEOUT_NANOS);
            assertEquals(LacpRxState.DEFAULTED, ends[0].port.rxState());
            assertEquals(LacpParticipant.NONE, ends[0].port.partnerInfo());
        }
    }

    @Test
    void periodicTransmissionFollowsWhatThePartnerAskedFor() {
        End[] ends = link(true, false, true, true); // a wants the long timeout, b the short one
        clock.advance(60 * SECOND);
        assertEquals(LacpPeriodicState.SLOW_PERIODIC, ends[1].port.status().periodic(), "b sends slowly to a");
        assertEquals(LacpPeriodicState.FAST_PERIODIC, ends[0].port.status().periodic(), "a sends every second");
        long fromA = ends[0].sentAt.stream().filter(at -> at > 10 * SECOND).count();
        long fromB = ends[1].sentAt.stream().filter(at -> at > 10 * SECOND).count();
        assertTrue(fromA >= 49 && fromA <= 51, "one a second from a: " + fromA);
        assertTrue(fromB >= 1 && fromB <= 3, "one every 30 s from b: " + fromB);
    }

    @Test
    void noMoreThanThreeLacpdusLeaveInAnySecond() {
        End[] ends = link(true, true, true, true);
        clock.advance(10 * SECOND);
        List<Long> sent = ends[0].sentAt;
        for (int i = 3; i < sent.size(); i++) {
            assertTrue(sent.get(i) - sent.get(i - 3) >= SECOND, "four LACPDUs within a second at " + sent);
        }
    }

    @Test
    void aDisabledPortIsUnselectedAndDetachesThenWaitsAgainWhenItsLinkReturns() {
        End[] ends = link(true, true, true, true);
        clock.advance(3 * SECOND);
        assertEquals(LacpMuxState.DISTRIBUTING, ends[0].port.muxState());
        ends[0].port.setEnabled(false);
        ends[1].port.setEnabled(false);
        for (End end : ends) {
            assertEquals(LacpSelection.UNSELECTED, end.port.selected(), end.port.name());
            assertEquals(LacpMuxState.DETACHED, end.port.muxState(), end.port.name() + ": not ATTACHED on a dead link");
            assertFalse(end.port.collecting() || end.port.distributing(), end.port.name());
            assertEquals(0, end.port.actorInfo().state() & LacpState.SYNCHRONIZATION, "no longer claims to be in sync");
        }
        ends[0].port.setEnabled(true);
        ends[1].port.setEnabled(true);
        assertEquals(LacpSelection.SELECTED, ends[0].port.selected(), "the owner placed it again");
        clock.advance(LacpTimes.AGGREGATE_WAIT_NANOS - MS);
        assertEquals(LacpMuxState.WAITING, ends[0].port.muxState(), "Aggregate_Wait_Time again after detaching");
        clock.advance(SECOND);
        assertEquals(LacpMuxState.DISTRIBUTING, ends[0].port.muxState());
    }

    @Test
    void aPortWhoseOwnerDoesNotSelectItAgainStaysDetachedWhenItsLinkReturns() {
        End[] ends = link(true, true, true, true);
        clock.advance(3 * SECOND);
        ends[0].port.setEnabled(false);
        ends[0].selecting = false;
        ends[0].port.setEnabled(true);
        clock.advance(10 * SECOND);
        assertEquals(LacpMuxState.DETACHED, ends[0].port.muxState());
        assertEquals(LacpRxState.CURRENT, ends[0].port.rxState(), "it still hears its partner");
    }
}
