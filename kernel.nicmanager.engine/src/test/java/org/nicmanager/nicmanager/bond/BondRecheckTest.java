package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;

/**
 * Severity-driven rechecks (issue 4): a NIC whose driver misses a link event is still noticed, a DOWN one after the
 * short period and a FAILED one after the long one.
 */
class BondRecheckTest {

    /** A NIC whose state the test changes silently, as a driver that lost an interrupt would. */
    private static FakeNic silentNic(String name) {
        return new FakeNic(name, 0x0200_0000_0F00L).withDriver("silent");
    }

    @Test
    void aMissedLinkEventIsCaughtByThePollAtItsSeverityPeriod() {
        BondSettings settings = BondSettings.defaults().withRecheck(10 * MILLIS, 100 * MILLIS);
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10_000 * MILLIS, (timer, failure) -> {
            throw new AssertionError(timer, failure);
        })) {
            FakeNic nic0 = silentNic("s0");
            FakeNic nic1 = silentNic("s1");
            Bond bond = world.call(() -> {
                Bond made = new Bond("b", Policies.ROUND_ROBIN, VmKnowledge.NONE, world, settings);
                made.addMember(nic0);
                made.addMember(nic1);
                return made;
            });
            // The hardware fails silently; the next frame for it is refused LINK_DOWN and fails it over at once.
            world.run(() -> nic0.setLinkStateSilently(LinkState.FAILED));
            world.run(() -> {
                for (int i = 0; i < 4; i++) {
                    FrameBuffer frame = FrameBuffer.unpooled(64);
                    frame.setLength(60);
                    bond.transmit(frame);
                }
            });
            BondStats stats = world.call(bond::stats);
            assertEquals(MemberState.FAILED, stats.member(0).state());
            assertEquals(FailoverReason.TRANSMIT_LINK_DOWN, world.call(bond::history).get(0).reason());
            assertEquals(4, stats.member(1).sentFrames(), "the refused frame went to the survivor");
            assertTrue(stats.accountedFor());
            // It recovers silently too: the FAILED member is polled only every 100 ms.
            world.run(() -> nic0.setLinkStateSilently(LinkState.UP));
            world.advance(99 * MILLIS);
            assertFalse(world.call(bond::stats).member(0).carrying());
            world.advance(MILLIS);
            assertTrue(world.call(bond::stats).member(0).carrying(), "found UP by the FAILED-period poll");
            // A silent carrier loss is noticed only when a frame is refused; then DOWN is polled every 10 ms.
            world.run(() -> bond.removeMember(1));
            world.run(() -> nic0.setLinkStateSilently(LinkState.DOWN));
            world.run(() -> {
                FrameBuffer frame = FrameBuffer.unpooled(64);
                frame.setLength(60);
                bond.transmit(frame);
            });
            assertEquals(MemberState.DOWN, world.call(bond::stats).member(0).state());
            world.run(() -> nic0.setLinkStateSilently(LinkState.UP));
            world.advance(10 * MILLIS);
            assertTrue(world.call(bond::stats).member(0).carrying(), "found UP by the DOWN-period poll");
            assertTrue(world.call(bond::stats).accountedFor());
        }
    }
}
