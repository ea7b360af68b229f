package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.distribution.Policies;

/**
 * updelay and downdelay, as Linux bonding's miimon has them: a carrier change must last the delay before the bond acts
 * on it, timed by kernel timers. A failover-order bond of s0 (first) and s1.
 */
class CarrierDelayTest {

    private static ScriptedBond bond(long upNanos, long downNanos) {
        return new ScriptedBond(Policies.FAILOVER_ORDER,
                BondSettings.defaults().withCarrierDelays(new CarrierDelays(upNanos, downNanos)));
    }

    @Test
    void aCarrierLossShorterThanTheDowndelayCostsNoFailover() {
        try (ScriptedBond bond = bond(0, 200 * MILLIS)) {
            bond.carrier(bond.nic0, LinkState.DOWN);
            bond.world.advance(150 * MILLIS);
            assertTrue(bond.stats().member(0).carrying(), "still in service 150 ms into the downdelay");
            assertEquals("downdelay", bond.stats().member(0).carrierDelay());
            bond.carrier(bond.nic0, LinkState.UP);
            bond.world.advance(SECOND_AND_A_BIT);
            BondStats stats = bond.stats();
            assertTrue(stats.member(0).carrying());
            assertNull(stats.member(0).carrierDelay());
            assertEquals(0, stats.failovers());
            assertEquals(1, stats.flapsRiddenOut());
            assertEquals(List.of(), bond.history());
        }
    }

    @Test
    void aCarrierLossThatLastsTheDowndelayFailsOverAtItsEndNotBefore() {
        try (ScriptedBond bond = bond(0, 200 * MILLIS)) {
            long lostAt = bond.world.nanoTime();
            bond.carrier(bond.nic0, LinkState.DOWN);
            bond.world.advance(199 * MILLIS);
            assertTrue(bond.stats().member(0).carrying());
            bond.world.advance(MILLIS);
            BondStats stats = bond.stats();
            assertEquals(MemberState.DOWN, stats.member(0).state());
            assertFalse(stats.member(0).carrying());
            assertTrue(stats.member(1).carrying());
            FailoverEvent failover = bond.history().get(0);
            assertEquals(FailoverReason.CARRIER_LOST, failover.reason());
            assertEquals(lostAt + 200 * MILLIS, failover.atNanos());
        }
    }

    @Test
    void framesTheMemberRefusesDuringTheDowndelayAreDroppedWithAReasonAndItStaysInService() {
        try (ScriptedBond bond = bond(0, 200 * MILLIS)) {
            bond.world.run(() -> bond.nic0.setLinkStateSilently(LinkState.DOWN)); // the driver has not told yet
            bond.world.run(() -> {
                for (int i = 0; i < 5; i++) {
                    bond.bond.transmit(frame());
                }
            });
            BondStats during = bond.stats();
            assertTrue(during.member(0).carrying(), "a refused transmit starts the downdelay; it does not fail over");
            assertEquals(5, during.dropped(DropReason.NO_MEMBER_AVAILABLE));
            assertEquals(0, during.member(1).sentFrames(), "failover-order does not spill to the standby");
            bond.world.advance(200 * MILLIS);
            assertFalse(bond.stats().member(0).carrying());
            assertEquals(FailoverReason.CARRIER_LOST, bond.history().get(0).reason());
            bond.world.run(() -> bond.bond.transmit(frame()));
            assertEquals(1, bond.stats().member(1).sentFrames());
            assertTrue(bond.stats().accountedFor());
        }
    }

    @Test
    void aReturningCarrierCarriesTrafficOnlyOnceItStayedUpForTheUpdelay() {
        try (ScriptedBond bond = bond(300 * MILLIS, 0)) {
            bond.carrier(bond.nic0, LinkState.DOWN);
            assertTrue(bond.stats().member(1).carrying(), "no downdelay: failed over at once");
            bond.world.advance(MILLIS);
            bond.carrier(bond.nic0, LinkState.UP);
            bond.world.advance(100 * MILLIS);
            assertEquals("updelay", bond.stats().member(0).carrierDelay());
            assertFalse(bond.stats().member(0).carrying());
            bond.carrier(bond.nic0, LinkState.DOWN); // a flap: the wait starts again at the next carrier
            bond.world.advance(50 * MILLIS);
            long backAt = bond.world.nanoTime();
            bond.carrier(bond.nic0, LinkState.UP);
            bond.world.advance(299 * MILLIS);
            assertFalse(bond.stats().member(0).carrying());
            bond.world.advance(MILLIS);
            BondStats stats = bond.stats();
            assertTrue(stats.member(0).carrying());
            assertEquals(MemberState.UP, stats.member(0).state());
            FailoverEvent failback = bond.history().get(1);
            assertEquals(FailoverReason.FAILBACK, failback.reason());
            assertEquals(backAt + 300 * MILLIS, failback.atNanos());
        }
    }

    @Test
    void theUpdelayIsSkippedWhenNoMemberCarriesTrafficAsInLinux() {
        try (ScriptedBond bond = bond(300 * MILLIS, 0)) {
            bond.carrier(bond.nic0, LinkState.DOWN);
            bond.carrier(bond.nic1, LinkState.DOWN);
            bond.carrier(bond.nic1, LinkState.UP);
            assertTrue(bond.stats().member(1).carrying(), "the first link back is used at once");
            bond.carrier(bond.nic0, LinkState.UP);
            assertFalse(bond.stats().member(0).carrying(), "the next waits its updelay");
            bond.world.advance(300 * MILLIS);
            assertTrue(bond.stats().member(0).carrying());
        }
    }

    @Test
    void aHardwareFaultIsNeverDelayed() {
        try (ScriptedBond bond = bond(0, 200 * MILLIS)) {
            bond.carrier(bond.nic0, LinkState.FAILED);
            assertFalse(bond.stats().member(0).carrying());
            assertEquals(FailoverReason.HARDWARE_FAILED, bond.history().get(0).reason());
        }
    }

    @Test
    void delaysAreCheckedAndDefaultToNone() {
        assertEquals(CarrierDelays.NONE, BondSettings.defaults().carrierDelays());
        assertEquals("bad updelay -1 ns: 0 to 1 day",
                assertThrows(IllegalArgumentException.class, () -> new CarrierDelays(-1, 0)).getMessage());
    }

    private static final long SECOND_AND_A_BIT = 1_001 * MILLIS;

    private static FrameBuffer frame() {
        FrameBuffer frame = FrameBuffer.unpooled(128);
        frame.setLength(FrameWriter.udpFrame(frame.data(), 100, 0x0200_0000_0101L, 0x0200_0000_0001L, 0x0A000064,
                0x0A000001, 1000, 2000, 1, 0));
        frame.setSourcePort(0);
        return frame;
    }
}
