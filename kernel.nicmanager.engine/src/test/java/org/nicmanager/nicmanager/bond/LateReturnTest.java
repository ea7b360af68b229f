package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.VirtualWorldHarness;

/**
 * A member whose driver hands its unsent ring back only after it has told of the carrier loss, as drivers.linux does
 * (its transmit thread learns of the loss from the world): the frames it hands back are resent on the survivor at
 * once, in order, and the bond is ready for more. Before, they waited in the backlog for an event that never came,
 * and the gate in front held every newer frame behind them: a real bond fell silent after a failover under load.
 */
class LateReturnTest {

    private static final int FRAMES = 5;
    private static final int UDP_PAYLOAD_OFFSET = 42;

    /** A NIC with a ring that keeps what it is given until {@link #handBack} returns it, as aborted. */
    private static final class RingNic extends FakeNic {
        private final List<FrameBuffer> ring = new ArrayList<>();

        RingNic(String name, long mac) {
            super(name, mac);
        }

        @Override
        public TransmitStatus transmit(FrameBuffer frame) {
            if (linkState() != LinkState.UP) {
                return TransmitStatus.LINK_DOWN;
            }
            ring.add(frame);
            return TransmitStatus.ACCEPTED;
        }

        @Override
        public int pendingFrames() {
            return ring.size();
        }

        /** The transmit thread hands back what it never sent, oldest first; each leaves the ring before it is told. */
        void handBack() {
            while (!ring.isEmpty()) {
                listener().transmitAborted(this, ring.remove(0));
            }
        }
    }

    private static final class Harness extends VirtualWorldHarness<WorldThread> {
        final RingNic nic0 = new RingNic("r0", 0x0200_0000_0F00L);
        final FakeNic nic1 = new FakeNic("r1", 0x0200_0000_0F01L).recordSentFrames();
        final Bond bond;

        Harness() {
            super(timerFailures -> new WorldThread(ClockMode.VIRTUAL, 60 * SECOND, timerFailures));
            bond = world.call(() -> {
                Bond made = new Bond("b", Policies.FAILOVER_ORDER, VmKnowledge.NONE, world, BondSettings.defaults());
                made.addMember(nic0);
                made.addMember(nic1);
                return made;
            });
        }
    }

    private static FrameBuffer frame(long sequence) {
        FrameBuffer frame = FrameBuffer.unpooled(128);
        frame.setLength(FrameWriter.udpFrame(frame.data(), 100, 0x0200_0000_0101L, 0x0200_0000_0001L, 0x0A000064,
                0x0A000001, 1000, 2000, 1, sequence));
        frame.setSourcePort(0);
        return frame;
    }

    @Test
    void framesHandedBackAfterTheLinkEventAreResentOnTheSurvivorInOrder() {
        try (Harness harness = new Harness()) {
            harness.run(() -> {
                for (int i = 0; i < FRAMES; i++) {
                    harness.bond.transmit(frame(i));
                }
            });
            assertEquals(FRAMES, harness.call(harness.nic0::pendingFrames), "r0's ring holds them, unsent");

            harness.run(() -> {
                harness.nic0.changeLinkState(LinkState.DOWN); // the driver tells of the loss first...
                harness.nic0.handBack(); // ...and its transmit thread hands the ring back after
            });

            List<Long> resent = new ArrayList<>();
            for (byte[] sent : harness.call(harness.nic1::sentFrames)) {
                if (sent.length > UDP_PAYLOAD_OFFSET + FlowStamp.BYTES && sent[12] == 0x08 && sent[13] == 0x00) {
                    resent.add(FlowStamp.sequence(sent, UDP_PAYLOAD_OFFSET));
                }
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L), resent, "every frame r0 handed back left r1, oldest first");
            assertEquals(0, harness.call(harness.bond::queuedFrames), "nothing waits in the backlog");
            assertTrue(harness.call(harness.bond::ready), "the gate may hand over more frames");
            assertTrue(harness.call(() -> harness.bond.stats().accountedFor()));
        }
    }
}
