package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.lib.frames.MacBytes;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * What the bond tells the gate in front of it (the resource manager) while it is placing a frame: nothing until the
 * placement is over. A member that refuses a frame with LINK_DOWN fails over inside the placement; the gate hears of
 * the change after it, so the frames it sends in answer go behind the one being placed, never in the middle of it.
 */
class BondSignalsTest {

    private static final long FIRST = 0x0200_0000_0001L;
    private static final long SECOND = 0x0200_0000_0002L;

    private static FrameBuffer frameFrom(long sourceMac) {
        return FrameBuilder.ethernet(0x0200_0000_0F0FL, sourceMac).etherType(FrameHeaders.ETHERTYPE_IPV4)
                .ipv4(FrameHeaders.PROTOCOL_UDP, 0x0A000001, 0x0A000002, 28).udp(1000, 2000, 8).padTo(60)
                .buildBuffer();
    }

    @Test
    void theGateHearsOfAFailoverInsideAPlacementOnlyAfterIt() {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10_000_000_000L, (timer, failure) -> {
            throw new AssertionError(timer, failure);
        })) {
            FakeNic nic0 = new FakeNic("n0", 0x0200_0000_0F00L).withDriver("fake").recordSentFrames();
            FakeNic nic1 = new FakeNic("n1", 0x0200_0000_0F01L).withDriver("fake").recordSentFrames();
            List<String> told = new ArrayList<>();
            Bond bond = world.call(() -> {
                Bond made = new Bond("b", Policies.FAILOVER_ORDER, VmKnowledge.NONE, world,
                        BondSettings.defaults().withNotifySwitches(false));
                made.addMember(nic0);
                made.addMember(nic1);
                made.setObserver(new BondObserver() {
                    @Override
                    public void recorded(Bond changed, FailoverEvent event) {
                    }

                    @Override
                    public void carriersChanged(Bond changed) {
                        told.add("carriers");
                        if (told.size() == 1) {
                            changed.transmit(frameFrom(SECOND)); // the gate's answer: a frame it had queued
                        }
                    }
                });
                made.setReadyListener(() -> told.add("ready"));
                return made;
            });
            world.run(() -> nic0.setLinkStateSilently(LinkState.FAILED)); // the next frame is refused LINK_DOWN
            world.run(() -> bond.transmit(frameFrom(FIRST)));

            List<byte[]> sent = nic1.sentFrames();
            assertEquals(2, sent.size());
            assertEquals(FIRST, MacBytes.read(sent.get(0), MacBytes.SOURCE_OFFSET),
                    "the frame being placed goes first");
            assertEquals(SECOND, MacBytes.read(sent.get(1), MacBytes.SOURCE_OFFSET));
            assertEquals(List.of("carriers"), told);
            assertTrue(world.call(bond::stats).accountedFor());
        }
    }
}
