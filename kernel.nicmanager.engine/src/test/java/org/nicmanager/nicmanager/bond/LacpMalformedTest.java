package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.lacp.LacpParticipant;
import org.nicmanager.lib.lacp.LacpState;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * Malformed LACPDUs are counted by defect and ignored, and never crash the bond: truncated ones, wrong versions, bad
 * TLV lengths and random bytes, then 12,000 generated ones, after which the partner negotiates as if nothing happened.
 */
class LacpMalformedTest {

    private static final long PARTNER_SYSTEM = 0x0200_0000_0099L;
    private static final int GENERATED = 12_000;

    /** A NIC whose listener the test holds, so that frames can arrive from nowhere. */
    private static FakeNic fakeNic() {
        return new FakeNic("fake0", 0x0200_0000_0001L).withDriver("test").recordSentFrames();
    }

    /** The last well-formed LACPDU the bond sent on {@code nic}. */
    private static Lacpdu lastSent(FakeNic nic) {
        List<byte[]> sent = nic.sentFrames();
        for (int i = sent.size() - 1; i >= 0; i--) {
            LacpduCodec.Decoded decoded = LacpduCodec.decode(sent.get(i), sent.get(i).length);
            if (decoded.ok()) {
                return decoded.pdu();
            }
        }
        throw new AssertionError("no LACPDU sent on " + nic.name());
    }

    private final FramePool pool = new FramePool(8, 256);

    private void feed(FakeNic nic, byte[] bytes, int length) {
        FrameBuffer frame = pool.acquire();
        frame.copyFrom(bytes, 0, Math.min(length, frame.capacity()));
        nic.deliver(frame);
    }

    /** An LACPDU from the partner that has the bond's port right, so the port synchronises. */
    private static byte[] fromPartner(Lacpdu ours) {
        LacpParticipant partner = new LacpParticipant(32768, PARTNER_SYSTEM, 7, 32768, 5, LacpState.ACTIVITY
                | LacpState.TIMEOUT | LacpState.AGGREGATION | LacpState.SYNCHRONIZATION | LacpState.COLLECTING
                | LacpState.DISTRIBUTING);
        byte[] frame = new byte[LacpduCodec.FRAME_BYTES];
        LacpduCodec.encode(new Lacpdu(partner, ours.actor(), 0), PARTNER_SYSTEM, frame);
        return frame;
    }

    @Test
    void malformedLacpdusAreCountedByDefectAndIgnored() {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * BondWorld.SECOND, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        })) {
            FakeNic nic = fakeNic();
            Bond bond = world.call(() -> {
                Bond made = new Bond("bond0", Policies.ROUND_ROBIN, VmKnowledge.NONE, world, BondSettings.defaults()
                        .withLacp(new LacpSettings(LacpMode.ACTIVE, true, 0, 1)));
                made.addMember(nic);
                return made;
            });
            world.advance(BondWorld.MILLIS);
            byte[] good = world.call(() -> fromPartner(lastSent(nic)));
            world.run(() -> {
                feed(nic, good, 60); // truncated
                feed(nic, FrameBuilder.with8(good, 15, 0), good.length); // version 0
                feed(nic, FrameBuilder.with8(good, 17, 18), good.length); // actor TLV length
                feed(nic, FrameBuilder.with8(good, 37, 255), good.length); // partner TLV length
                feed(nic, FrameBuilder.with8(good, 57, 0), good.length); // collector TLV length
                feed(nic, FrameBuilder.with8(good, 73, 9), good.length); // terminator length
                byte[] noise = new byte[124];
                new Random(7).nextBytes(noise);
                System.arraycopy(good, 0, noise, 0, 16); // to the slow-protocols address, subtype LACP, version 1
                noise[16] = 0x7F; // and random after: no Actor TLV
                feed(nic, noise, noise.length);
            });
            LacpBondStatus status = world.call(bond::lacpStatus);
            assertEquals(Map.of("TRUNCATED", 1L, "BAD_VERSION", 1L, "BAD_ACTOR_TLV", 2L, "BAD_PARTNER_TLV", 1L,
                    "BAD_COLLECTOR_TLV", 1L, "BAD_TERMINATOR_TLV", 1L), status.malformedLacpdus());
            assertEquals(0, status.lacpdusReceived(), "none was taken as an LACPDU");
            assertEquals("EXPIRED", status.members().get(0).rx(), "the receive machine did not move");
            assertEquals(0, pool.inUse(), "every frame was released");
        }
    }

    @Test
    void twelveThousandGeneratedLacpdusNeverCrashTheBondWhichThenNegotiatesNormally() {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 30 * BondWorld.SECOND, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        })) {
            FakeNic nic = fakeNic();
            Bond bond = world.call(() -> {
                Bond made = new Bond("bond0", Policies.ROUND_ROBIN, VmKnowledge.NONE, world, BondSettings.defaults()
                        .withLacp(new LacpSettings(LacpMode.ACTIVE, true, 0, 1)));
                made.addMember(nic);
                return made;
            });
            world.advance(BondWorld.MILLIS);
            byte[] good = world.call(() -> fromPartner(lastSent(nic)));
            Random random = new Random(8021);
            byte[] frame = new byte[200];
            for (int batch = 0; batch < GENERATED / 100; batch++) {
                world.run(() -> {
                    for (int i = 0; i < 100; i++) {
                        int length = CodecBytes.mutate(random, good, frame);
                        feed(nic, frame, length);
                    }
                });
                world.advance(10 * BondWorld.MILLIS);
            }
            LacpBondStatus fuzzed = world.call(bond::lacpStatus);
            long malformed = fuzzed.malformedLacpdus().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(GENERATED, malformed + fuzzed.lacpdusReceived() + fuzzed.ignoredSlowProtocolFrames(),
                    "every generated frame is counted once: " + fuzzed);
            assertTrue(malformed > GENERATED / 5, "a good share are malformed: " + fuzzed.malformedLacpdus());
            assertEquals(6, fuzzed.malformedLacpdus().size(), "every defect seen: " + fuzzed.malformedLacpdus());
            assertEquals(0, world.call(pool::inUse), "every frame was released");

            for (int i = 0; i < 4; i++) { // the real partner speaks again, once a second
                byte[] now = world.call(() -> fromPartner(lastSent(nic)));
                world.run(() -> feed(nic, now, now.length));
                world.advance(BondWorld.SECOND);
            }
            LacpBondStatus after = world.call(bond::lacpStatus);
            assertEquals("CURRENT", after.members().get(0).rx());
            assertEquals("DISTRIBUTING", after.members().get(0).mux());
            assertEquals("02:00:00:00:00:99", after.members().get(0).partner().system());
        }
    }
}
