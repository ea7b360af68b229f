package org.nicmanager.lib.lacp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The decoder never throws, whatever the bytes: seeded random LACPDUs that keep the slow-protocol header (so the
 * deeper checks are reached) with random lengths and mutated TLVs, and frames of pure noise.
 */
class LacpduFuzzTest {

    private static final int PDUS = 20_000;

    @Test
    void twentyThousandRandomLacpdusDecodeOrAreNamedAsDefective() {
        Random random = new Random(8021L);
        Map<LacpduDefect, Integer> defects = new EnumMap<>(LacpduDefect.class);
        int valid = 0;
        byte[] frame = new byte[200];
        for (int i = 0; i < PDUS; i++) {
            int length = mutate(random, frame);
            LacpduCodec.Decoded decoded = LacpduCodec.decode(frame, length);
            if (decoded.ok()) {
                valid++;
                byte[] again = new byte[LacpduCodec.FRAME_BYTES];
                LacpduCodec.encode(decoded.pdu(), 1, again); // whatever decodes also encodes
            } else {
                defects.merge(decoded.defect(), 1, Integer::sum);
            }
        }
        assertEquals(PDUS, valid + defects.values().stream().mapToInt(Integer::intValue).sum());
        for (LacpduDefect defect : LacpduDefect.values()) {
            assertTrue(defects.getOrDefault(defect, 0) > 0, "no random PDU had defect " + defect + ": " + defects);
        }
        assertTrue(valid > 0, "some random PDUs are valid: " + defects);
    }

    /** A valid frame, then a few random changes; returns the length to decode. */
    private static int mutate(Random random, byte[] frame) {
        java.util.Arrays.fill(frame, (byte) 0);
        if (random.nextInt(10) == 0) {
            random.nextBytes(frame); // noise
            return random.nextInt(frame.length + 1);
        }
        Lacpdu pdu = new Lacpdu(participant(random), participant(random), random.nextInt(0x10000));
        LacpduCodec.encode(pdu, random.nextLong() & 0xFFFF_FFFF_FFFFL, frame);
        int changes = random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int offset = 12 + random.nextInt(70);
            frame[offset] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(4) * 10);
        }
        return random.nextInt(4) == 0 ? random.nextInt(frame.length + 1) : LacpduCodec.FRAME_BYTES;
    }

    private static LacpParticipant participant(Random random) {
        return new LacpParticipant(random.nextInt(0x10000), random.nextLong() & 0xFFFF_FFFF_FFFFL,
                random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(256));
    }
}
